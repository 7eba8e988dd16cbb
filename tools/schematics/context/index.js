'use strict';
const { join } = require('node:path');
const { render, forceRequested, writeFiles } = require('../lib/generate.js');
const { capitalize, namesOf, singular, validName, withArticle } = require('../lib/names.js');
const { registerContextModule } = require('../lib/source-edits.js');
const {
  assertApplicationProject,
  assertContextNameFree,
  assertUnused,
  contextLibraries,
  libraryPrefix,
  readText,
  registerInAccessMatrix,
  registerLibrary,
  workspaceFeatures,
} = require('../lib/workspace.js');

/** Where the bank composes its contexts: the API and the projector are both built on BankModule. */
const bankModule = 'libs/bank/src/bank.module.ts';

/**
 * `context <name>`: a bounded context in the house layout (the README's "Adding a bounded
 * context") with one aggregate, the command that opens one, a details read model, a history
 * replayed from the event store, and their specs; registered as a library (path alias, Nest
 * project) and in the bank's module, so the API serves its routes and the projector runs its
 * projections. Everything is checked before anything is written.
 */
function context(options) {
  return (tree, schematicContext) => {
    const name = validName(options.name, 'context name');
    const ctx = namesOf(name);
    const agg = namesOf(validName(options.aggregate ?? singular(name), 'aggregate name'));
    const force = forceRequested(options, schematicContext);
    assertApplicationProject(tree, options.project);
    assertContextNameFree(tree, name, force);
    const own = force ? `libs/contexts/${name}/` : undefined;
    assertUnused(tree, 'stream category', agg.category, own);
    assertUnused(tree, 'MongoDB collection', ctx.snake, own);
    assertUnused(tree, 'projection name', `${agg.kebab}-details`, own);
    const registered = options.skipImport ? undefined : registerContextModule(bankModule, readText(tree, bankModule), `${ctx.pascal}Module`, `${libraryPrefix}/${name}`, contextLibraries(tree));

    const features = workspaceFeatures(tree);
    const files = render(join(__dirname, 'files'), { context: ctx.kebab, aggregate: agg.kebab }, { ctx, agg, withArticle, capitalize, ...features }, (path) => features.cloudevents || !path.endsWith('.cloudevent-types.ts'));
    writeFiles(tree, files, force, `context ${name}`);
    registerLibrary(tree, name);
    if (registered !== undefined && registered !== readText(tree, bankModule)) tree.overwrite(bankModule, registered);
    if (registered !== undefined && features.auth) {
      registerInAccessMatrix(tree, schematicContext.logger, [
        { method: 'POST', path: `/api/v1/${name}`, body: "{ title: 'Access matrix' }" },
        { method: 'GET', path: `/api/v1/${name}/{id}` },
        { method: 'GET', path: `/api/v1/${name}/{id}/history` },
      ]);
    }
    return tree;
  };
}

module.exports = { context };
