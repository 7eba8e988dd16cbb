'use strict';
/** What the `command` and `read-model` schematics share: adding a use case to an existing context. */
const { join } = require('node:path');
const { SchematicsException } = require('@angular-devkit/schematics');
const { forceRequested, render, writeFiles } = require('./generate.js');
const { namesOf, routeSegment, stringLiteral, validName, withArticle } = require('./names.js');
const { registerInModule } = require('./source-edits.js');
const { ensureNotFoundError, existingContext, readText, registerInAccessMatrix, workspaceFeatures } = require('./workspace.js');

/** The context a use case is added to: the Nest CLI's `--project`, or `--context` with the schematics CLI. */
function targetContext(tree, options, useCase, kind) {
  const given = options.context ?? options.project;
  if (given === undefined || given === '') {
    throw new SchematicsException('Name the context to add to: --project <context> with the Nest CLI, --context <context> with the schematics CLI.');
  }
  const aggregate = options.aggregate === undefined ? undefined : validName(options.aggregate, 'aggregate name');
  return existingContext(tree, { context: validName(given, 'context name'), aggregate, useCase, kind: kind.replace(' ', '-') });
}

/**
 * A schematic adding a use case to an existing context. It validates the name, renders the
 * `files` folder next to it (with the names, what `summary(names)` says of the use case, and what
 * `values(names, target)` adds), leaving out the files `include(path, target)` refuses; registers
 * what `registration(names)` lists in the context module, and its route (`route(names)`) in the
 * access matrix. Every check runs before the first change to the tree, and a run that fails
 * leaves the workspace as it was: the tree is written out only when the schematic succeeds.
 */
function useCaseSchematic({ kind, directory, path, summary, registration, route, check = () => undefined, values = () => ({}), include = () => true }) {
  return (options) => (tree, schematicContext) => {
    const name = namesOf(validName(options.name, `${kind} name`));
    const target = targetContext(tree, options, name.kebab, kind);
    const { context: ctx, aggregate: agg } = target;
    const segment = namesOf(routeSegment(name.kebab, agg.kebab, `${kind} name`));
    const force = forceRequested(options, schematicContext);
    const names = { ctx, agg, name, segment, stripped: segment.kebab !== name.kebab };
    check(tree, names, force);
    const moduleText = readText(tree, target.moduleFile);
    const registered = options.skipImport ? moduleText : registerInModule(target.moduleFile, moduleText, registration(names));
    const features = workspaceFeatures(tree);
    const notFoundCode = ensureNotFoundError(tree, target.domain, agg);
    const said = summary(names);
    const files = render(
      join(directory, 'files'),
      { context: ctx.kebab, [path]: name.kebab },
      { ...names, summary: stringLiteral(said), withArticle, notFoundCode, ...values({ ...names, said }, target), ...features },
      (file) => include(file, target),
    );
    writeFiles(tree, files, force, `${kind} ${name.kebab} --context ${ctx.kebab}`);
    if (registered !== moduleText) tree.overwrite(target.moduleFile, registered);
    if (!options.skipImport && features.auth) registerInAccessMatrix(tree, schematicContext.logger, [route(names)]);
    return tree;
  };
}

module.exports = { useCaseSchematic };
