'use strict';
/**
 * Edits of TypeScript sources found through the compiler's syntax tree rather than by searching
 * text, so comments, formatting and the order of what is already there do not matter; each edit
 * is an insertion that keeps the file's own indentation and layout.
 */
const ts = require('typescript');
const { SchematicsException } = require('@angular-devkit/schematics');

function parse(path, text) {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Applies insertions `{ at, text }` (positions in the original text); those at one position keep their order. */
function applyInsertions(text, insertions) {
  return insertions
    .map((insertion, index) => ({ ...insertion, index }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .reduce((result, { at, text: inserted }) => result.slice(0, at) + inserted + result.slice(at), text);
}

function indentationAt(text, position) {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))[0];
}

const isRelative = (specifier) => specifier.startsWith('.');

/** The names a file imports, with the module each comes from. */
function importedNames(source) {
  const names = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    const specifier = statement.moduleSpecifier.text;
    if (statement.importClause?.name) names.set(statement.importClause.name.text, specifier);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.set(element.name.text, specifier);
  }
  return names;
}

/**
 * The insertion of `import { names } from 'specifier';`, unless the names are imported already:
 * sorted among the imports of its kind (packages, then relative paths), as the house writes them.
 */
function importInsertion(source, names, specifier) {
  const imported = importedNames(source);
  const missing = names.filter((name) => !imported.has(name));
  if (missing.length === 0) return [];
  const imports = source.statements.filter(ts.isImportDeclaration);
  const line = `import { ${missing.join(', ')} } from '${specifier}';\n`;
  const sameKind = imports.filter((declaration) => isRelative(declaration.moduleSpecifier.text) === isRelative(specifier));
  const next = sameKind.find((declaration) => declaration.moduleSpecifier.text.localeCompare(specifier) > 0);
  if (next) return [{ at: next.getStart(source), text: line }];
  const last = sameKind.at(-1) ?? (isRelative(specifier) ? imports.at(-1) : undefined);
  if (last) return [{ at: last.getEnd() + 1, text: line }];
  return [{ at: imports[0]?.getStart(source) ?? 0, text: line }];
}

/**
 * Appends elements to an array literal, one per line when the array has one per line. An element
 * that a comment introduces (e.g. "declared last: ...") stays last: the new ones go before it.
 */
function arrayAppend(source, array, elements) {
  const text = source.text;
  const items = array.elements;
  const last = items[items.length - 1];
  if (!last) return { at: array.getEnd() - 1, text: elements.join(', ') };
  const trailing = items.hasTrailingComma;
  const at = trailing ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
  if (!text.slice(array.getStart(source), last.getStart(source)).includes('\n')) {
    return { at, text: `${trailing ? ' ' : ', '}${elements.join(', ')}${trailing ? ',' : ''}` };
  }
  const indentation = indentationAt(text, last.getStart(source));
  const comment = items.length > 1 ? ts.getLeadingCommentRanges(text, last.getFullStart())?.[0] : undefined;
  if (comment) return { at: text.lastIndexOf('\n', comment.pos) + 1, text: elements.map((element) => `${indentation}${element},\n`).join('') };
  const lines = elements.map((element) => `\n${indentation}${element}`).join(',');
  return { at, text: trailing ? `${lines},` : `,${lines}` };
}

const rootName = (expression) => {
  let node = expression;
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) node = node.expression;
  return ts.isIdentifier(node) ? node.text : undefined;
};

/**
 * Where a context module lists its imports, controllers and providers: the object given to its
 * `@Module({...})`, or, when that is empty, the dynamic module its static method returns
 * (`{ module: TransactionsModule, ... }`).
 */
function moduleMetadata(source, path) {
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const call = decorator.expression;
      const metadata = ts.isCallExpression(call) && rootName(call.expression) === 'Module' ? call.arguments[0] : undefined;
      if (!metadata || !ts.isObjectLiteralExpression(metadata)) continue;
      return metadata.properties.length > 0 ? metadata : (dynamicModuleOf(statement) ?? metadata);
    }
  }
  throw new SchematicsException(`${path} has no @Module({ ... }) class to register the new code in; register it by hand or pass --skip-import.`);
}

function dynamicModuleOf(declaration) {
  let found;
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node) && node.properties.some((property) => property.name?.getText() === 'module')) found ??= node;
    else ts.forEachChild(node, visit);
  };
  declaration.members.forEach(visit);
  return found;
}

function propertyArray(object, key) {
  const property = object.properties.find((candidate) => ts.isPropertyAssignment(candidate) && candidate.name.getText() === key);
  return property && ts.isArrayLiteralExpression(property.initializer) ? property.initializer : undefined;
}

/** Adds `key: value,` properties (given as [key, value]) after the last property of an object literal. */
function propertiesAppend(source, object, properties) {
  const text = source.text;
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    const indentation = indentationAt(text, object.getStart(source));
    return { at: object.getEnd() - 1, text: `${properties.map(([key, value]) => `\n${indentation}  ${key}: ${value},`).join('')}\n${indentation}` };
  }
  const trailing = object.properties.hasTrailingComma;
  const indentation = indentationAt(text, last.getStart(source));
  return {
    at: trailing ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd(),
    text: `${trailing ? '' : ','}${properties.map(([key, value]) => `\n${indentation}${key}: ${value},`).join('')}`,
  };
}

/**
 * Adds properties to the object literal a top-level `const <variable> = {...}` holds, leaving out
 * keys it has already; undefined when the file declares no such object.
 */
function addProperties(path, text, variable, properties) {
  const source = parse(path, text);
  const object = source.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .find((declaration) => declaration.name.getText(source) === variable && declaration.initializer && ts.isObjectLiteralExpression(declaration.initializer))?.initializer;
  if (!object) return undefined;
  const keys = new Set(object.properties.map((property) => property.name?.getText(source)));
  const added = properties.filter(([key]) => !keys.has(key));
  return added.length === 0 ? text : applyInsertions(text, [propertiesAppend(source, object, added)]);
}

/**
 * Registers new code in a context module: imports, controllers, providers, and mongoose models
 * (in the module's `MongooseModule.forFeature([...])`, added when the module has none yet).
 */
function registerInModule(path, text, { imports = [], controllers = [], providers = [], models = [] }) {
  const source = parse(path, text);
  const metadata = moduleMetadata(source, path);
  // Package imports first: where they and relative imports meet, they must stay above them.
  const insertions = [];
  const moduleImports = propertyArray(metadata, 'imports');
  const forFeature = moduleImports?.elements.find(
    (element) => ts.isCallExpression(element) && element.expression.getText(source) === 'MongooseModule.forFeature' && element.arguments[0] !== undefined && ts.isArrayLiteralExpression(element.arguments[0]),
  );
  if (models.length > 0 && !forFeature) insertions.push(...importInsertion(source, ['MongooseModule'], '@nestjs/mongoose'));
  insertions.push(...imports.flatMap(({ names, from }) => importInsertion(source, names, from)));
  const present = (array, element) => array?.elements.some((existing) => existing.getText(source) === element);
  const newProperties = [];
  const addTo = (key, elements) => {
    const array = propertyArray(metadata, key);
    const added = elements.filter((element) => !present(array, element));
    if (added.length === 0) return;
    if (array) insertions.push(arrayAppend(source, array, added));
    else newProperties.push([key, `[${added.join(', ')}]`]);
  };
  if (models.length > 0 && forFeature) {
    const added = models.filter((model) => !present(forFeature.arguments[0], model));
    if (added.length > 0) insertions.push(arrayAppend(source, forFeature.arguments[0], added));
  } else if (models.length > 0) {
    addTo('imports', [`MongooseModule.forFeature([${models.join(', ')}])`]);
  }
  addTo('controllers', controllers);
  addTo('providers', providers);
  if (newProperties.length > 0) insertions.push(propertiesAppend(source, metadata, newProperties));
  return applyInsertions(text, insertions);
}

/**
 * Registers a context module where the bank composes its bounded contexts (BankModule, which the
 * API and the projector both build on): imported from its path alias, and listed right after the
 * last context of the imports list that holds them — the modules imported from one of
 * `contextSpecifiers` (the contexts' path aliases) — so the modules that come after the contexts
 * (the stream activity projection, the CloudEvents check of every context's event types) stay after.
 */
function registerContextModule(path, text, moduleName, specifier, contextSpecifiers) {
  const source = parse(path, text);
  const contexts = new Set([...importedNames(source)].filter(([, from]) => contextSpecifiers.has(from)).map(([name]) => name));
  let target;
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'imports' && ts.isArrayLiteralExpression(node.initializer)) {
      if (node.initializer.elements.some((element) => contexts.has(rootName(element)))) target ??= node.initializer;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!target) throw new SchematicsException(`${path} has no imports list of bounded contexts to add ${moduleName} to; add it by hand or pass --skip-import.`);
  if (target.elements.some((element) => rootName(element) === moduleName)) return text;
  const anchor = [...target.elements].reverse().find((element) => contexts.has(rootName(element)));
  const afterAnchor = text.indexOf(',', anchor.getEnd());
  const isLast = anchor === target.elements[target.elements.length - 1] && !target.elements.hasTrailingComma;
  const indentation = indentationAt(text, anchor.getStart(source));
  const insertion = isLast ? { at: anchor.getEnd(), text: `,\n${indentation}${moduleName}` } : { at: afterAnchor + 1, text: `\n${indentation}${moduleName},` };
  return applyInsertions(text, [...importInsertion(source, [moduleName], specifier), insertion]);
}

module.exports = { addProperties, registerInModule, registerContextModule };
