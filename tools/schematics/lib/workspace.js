'use strict';
/**
 * What the schematics read from the workspace (through the schematic's Tree, so a dry run and the
 * specs see exactly what a real run would) and the JSON registrations they write.
 */
const { SchematicsException } = require('@angular-devkit/schematics');
const { InvalidName, aggregateOfUseCase, namesOf } = require('./names.js');
const { addProperties } = require('./source-edits.js');

const tsconfigPath = 'tsconfig.json';
const nestCliPath = 'nest-cli.json';
const libraryPrefix = '@openbank';

/**
 * Libraries every context builds on; no context may take their names, even with --force. (The
 * others — auth, cloudevents, idempotency — are refused as existing libraries like any context.)
 */
const infrastructure = new Set(['shared-kernel', 'event-sourcing', 'projections', 'http-api', 'testing']);

function readText(tree, path) {
  const buffer = tree.read(path);
  if (!buffer) throw new SchematicsException(`${path} does not exist: run the schematic from the root of the OpenBank workspace.`);
  return buffer.toString('utf8');
}

function readJson(tree, path) {
  try {
    return JSON.parse(readText(tree, path));
  } catch (error) {
    if (error instanceof SchematicsException) throw error;
    throw new SchematicsException(`${path} is not plain JSON (${error.message}); it cannot be updated.`);
  }
}

/** Written back the way `nest g library` writes it, so either tool changes only what it adds. */
function writeJson(tree, path, value) {
  tree.overwrite(path, `${JSON.stringify(value, null, 2)}\n`);
}

function pathAliases(tree) {
  return readJson(tree, tsconfigPath).compilerOptions?.paths ?? {};
}

/**
 * The shared libraries the workspace has; generated code uses them when they are there (routes
 * declare who may call them once @openbank/auth exists, events get CloudEvent types once
 * @openbank/cloudevents does), so a context generated today fits the application it joins.
 */
function workspaceFeatures(tree) {
  const aliases = pathAliases(tree);
  return { auth: `${libraryPrefix}/auth` in aliases, cloudevents: `${libraryPrefix}/cloudevents` in aliases };
}

/** The path aliases of the bounded contexts: those that lead into libs/contexts/. */
function contextLibraries(tree) {
  const intoContexts = (targets) => [targets].flat().some((target) => typeof target === 'string' && /^(\.\/)?libs\/contexts\//.test(target));
  return new Set(Object.entries(pathAliases(tree)).filter(([, targets]) => intoContexts(targets)).map(([alias]) => alias));
}

/** Refuses a new context whose name is taken by a library, a path alias or a Nest project. */
function assertContextNameFree(tree, name, force) {
  if (infrastructure.has(name)) throw new InvalidName(`Invalid context name "${name}": libs/platform/${name} is a shared library of every context.`);
  if (force) return;
  const taken = [
    tree.getDir(`libs/contexts/${name}`).subfiles.length + tree.getDir(`libs/contexts/${name}`).subdirs.length > 0 && `libs/contexts/${name}`,
    `${libraryPrefix}/${name}` in pathAliases(tree) && `the path alias ${libraryPrefix}/${name} in ${tsconfigPath}`,
    name in (readJson(tree, nestCliPath).projects ?? {}) && `the project "${name}" in ${nestCliPath}`,
  ].filter(Boolean);
  if (taken.length > 0) {
    throw new InvalidName(
      `Invalid context name "${name}": a context or library of that name already exists (${taken.join(', ')}). ` +
        'Choose another name (--force would generate its files again, over the existing ones).',
    );
  }
}

/**
 * The Nest CLI asks which project to generate into when none is named; a new context joins the
 * application, so an application is the only answer that makes sense (`--project openbank`).
 */
function assertApplicationProject(tree, project) {
  if (project === undefined) return;
  const type = (readJson(tree, nestCliPath).projects ?? {})[project]?.type;
  if (type !== 'application') throw new SchematicsException(`A context joins an application: pass --project openbank, not "${project}" (a ${type ?? 'project unknown to ' + nestCliPath}).`);
}

/** Every TypeScript file under a folder of the tree. */
function sourceFiles(tree, folder) {
  const files = [];
  tree.getDir(folder).visit((path) => {
    if (path.endsWith('.ts')) files.push(path.replace(/^\//, ''));
  });
  return files;
}

/**
 * Values a new name must not share with the existing code: stream categories (two aggregates in
 * one category would read each other's streams), MongoDB collections, projection names (each is
 * a subscription with its own checkpoint). Searched in the sources, except under `regenerated`
 * (the folder a --force run writes again) and in specs, which name other contexts' streams to
 * give their events.
 */
function assertUnused(tree, kind, value, regenerated) {
  const patterns = {
    'stream category': new RegExp(`\\bcategory:\\s*'${value}'`),
    'MongoDB collection': new RegExp(`\\bcollection:\\s*'${value}'`),
    'projection name': new RegExp(`@Projection\\(\\s*'${value}'`),
  };
  const searched = sourceFiles(tree, 'libs').filter((path) => !path.endsWith('.spec.ts') && !(regenerated && path.startsWith(regenerated)));
  const user = searched.find((path) => patterns[kind].test(readText(tree, path)));
  if (user) throw new InvalidName(`The ${kind} "${value}" is already used in ${user}; choose another name.`);
}

/** Adds the context's path alias and Nest project, in the style of the existing ones. */
function registerLibrary(tree, name) {
  const tsconfig = readJson(tree, tsconfigPath);
  const paths = (tsconfig.compilerOptions.paths ??= {});
  const alias = `${libraryPrefix}/${name}`;
  if (!paths[alias]) {
    paths[alias] = [`./libs/contexts/${name}/src/index.ts`];
    writeJson(tree, tsconfigPath, tsconfig);
  }
  const nestCli = readJson(tree, nestCliPath);
  const projects = nestCli.projects ?? {};
  if (!projects[name]) {
    const project = { type: 'library', root: `libs/contexts/${name}`, entryFile: 'index', sourceRoot: `libs/contexts/${name}/src`, compilerOptions: { tsConfigPath: 'tsconfig.build.json' } };
    // Projects are kept in alphabetical order, as `nest g library` leaves them.
    const entries = Object.entries(projects);
    const at = entries.findIndex(([key]) => key.localeCompare(name) > 0);
    entries.splice(at < 0 ? entries.length : at, 0, [name, project]);
    nestCli.projects = Object.fromEntries(entries);
    writeJson(tree, nestCliPath, nestCli);
  }
}

/**
 * An existing bounded context: its module file, the names of the aggregate the use case acts on
 * (see aggregateOfUseCase), and how generated code meets that aggregate: the assertion that refuses
 * an id no one opened, and the answer its commands give, when the context has them.
 */
function existingContext(tree, { context: rawContext, aggregate: rawAggregate, useCase, kind }) {
  const context = namesOf(rawContext);
  const moduleFile = `libs/contexts/${context.kebab}/src/${context.kebab}.module.ts`;
  if (!tree.exists(moduleFile)) {
    throw new SchematicsException(`There is no bounded context "${context.kebab}": ${moduleFile} does not exist. Create one with the context schematic.`);
  }
  const domain = `libs/contexts/${context.kebab}/src/domain`;
  const aggregates = tree.getDir(domain).subfiles.filter((file) => file.endsWith('.events.ts')).map((file) => file.slice(0, -'.events.ts'.length));
  const chosen = aggregateOfUseCase({ aggregates, given: rawAggregate, useCase, context: context.kebab, kind });
  const aggregate = namesOf(chosen);
  const { pascal } = aggregate;
  const definitionFile = `${domain}/${chosen}.ts`;
  const expected = [
    [definitionFile, new RegExp(`export const ${pascal}\\b`), `the definition ${pascal}`],
    [definitionFile, new RegExp(`export (interface|type) ${pascal}State\\b`), `the type ${pascal}State`],
    [`${domain}/${chosen}.events.ts`, new RegExp(`export type ${pascal}Event\\b`), `the event union ${pascal}Event`],
  ];
  const missing = expected.filter(([file, pattern]) => !tree.exists(file) || !pattern.test(readText(tree, file)));
  if (missing.length > 0) {
    throw new SchematicsException(`The aggregate ${chosen} does not have the house shape: missing ${missing.map(([file, , what]) => `${what} (${file})`).join(', ')}.`);
  }
  return {
    context,
    aggregate,
    moduleFile,
    domain,
    assertion: existenceAssertion(readText(tree, definitionFile), pascal),
    answer: commandAnswer(tree, `libs/contexts/${context.kebab}/src/commands`, aggregate),
  };
}

/**
 * The function of the aggregate's module that refuses an id no one has opened with the coded
 * not-found error (`assertOpened` of a generated context, `assertRegistered` of persons): a
 * generated decision starts with it. Undefined when there is none.
 */
function existenceAssertion(definition, pascal) {
  const functions = definition.matchAll(new RegExp(`export function (assert\\w*)\\(state: ${pascal}State\\)[^{]*\\{([^]*?)\\n\\}`, 'g'));
  return [...functions].find(([, , body]) => body.includes(`new ${pascal}NotFound(`))?.[1];
}

/**
 * How the context answers its commands when it does as a generated context: with the aggregate as
 * its details read model shows it, built from the command's outcome by
 * `commands/<aggregate>-command-result.ts`. Undefined otherwise (the command answers its id and revision).
 */
function commandAnswer(tree, commands, aggregate) {
  const file = `${commands}/${aggregate.kebab}-command-result.ts`;
  if (!tree.exists(file)) return undefined;
  const text = readText(tree, file);
  const names = { result: `${aggregate.pascal}CommandResult`, resultOf: `${aggregate.camel}CommandResultOf`, answer: `${aggregate.camel}Answer` };
  const response = new RegExp(`export function ${names.answer}\\([^)]*\\):\\s*(\\w+)`).exec(text)?.[1];
  const responseFrom = response && new RegExp(`import \\{[^}]*\\b${response}\\b[^}]*\\} from '(\\.\\./[^']+)'`).exec(text)?.[1];
  const complete = new RegExp(`export interface ${names.result}\\b`).test(text) && new RegExp(`export function ${names.resultOf}\\(`).test(text);
  if (!responseFrom || !complete) return undefined;
  // Imported from one folder deeper: commands/<use case>/.
  return { ...names, response, responseFrom: `../${responseFrom}`, module: `../${aggregate.kebab}-command-result.js` };
}

/**
 * Makes sure the aggregate has its coded not-found error, which generated use cases answer 404
 * with, and answers its code.
 */
function ensureNotFoundError(tree, domain, aggregate) {
  const file = `${domain}/${aggregate.kebab}.errors.ts`;
  const text = tree.exists(file) ? readText(tree, file) : '';
  const existing = new RegExp(`export class ${aggregate.pascal}NotFound extends domainError\\(\\s*'([A-Z0-9_]+)'`).exec(text);
  if (existing) return existing[1];
  const code = `${aggregate.constant}_NOT_FOUND`;
  const declaration = `export class ${aggregate.pascal}NotFound extends domainError('${code}', 'not-found') {}\n`;
  const importLine = /import \{[^}]*\bdomainError\b[^}]*\} from '@openbank\/shared-kernel';/.test(text) ? '' : "import { domainError } from '@openbank/shared-kernel';\n\n";
  const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  const updated = `${importLine}${body}${declaration}`;
  if (tree.exists(file)) tree.overwrite(file, updated);
  else tree.create(file, updated);
  return code;
}

const accessMatrix = 'apps/openbank/test/access-matrix.e2e.spec.ts';
/** An id no aggregate has: a generated route that names one answers 404 for it, an answer rather than a refusal. */
const unknownId = '00000000-0000-4000-8000-000000000000';

/**
 * Generated routes are for bank staff (`@Access.staff()`). The access matrix fails for a route it
 * has no expectation for, so it learns theirs: `{ method, path, body? }`, `{id}` in the path.
 */
function registerInAccessMatrix(tree, logger, routes) {
  if (!tree.exists(accessMatrix)) return;
  const text = readText(tree, accessMatrix);
  const entries = routes.map(({ method, path, body }) => {
    const call = `() => ({ path: '${path.replace('{id}', unknownId)}'${body ? `, body: ${body}` : ''} })`;
    return [`'${method} ${path}'`, `{ call: ${call}, expect: staff${path.includes('{id}') ? ', nothingThere: true' : ''} }`];
  });
  const updated = /\bconst staff\b/.test(text) ? addProperties(accessMatrix, text, 'routes', entries) : undefined;
  if (updated === undefined) logger.warn(`${accessMatrix} has no routes table as expected: add ${entries.map(([key]) => key).join(', ')} to it by hand.`);
  else if (updated !== text) tree.overwrite(accessMatrix, updated);
}

module.exports = {
  readText,
  assertApplicationProject,
  workspaceFeatures,
  contextLibraries,
  assertContextNameFree,
  assertUnused,
  registerLibrary,
  existingContext,
  ensureNotFoundError,
  registerInAccessMatrix,
  libraryPrefix,
};
