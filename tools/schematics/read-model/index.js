'use strict';
const { withArticle } = require('../lib/names.js');
const { useCaseSchematic } = require('../lib/use-case.js');
const { assertUnused } = require('../lib/workspace.js');

/**
 * `read-model <name> --project <context>`: a read model of the context's aggregate, one document
 * per aggregate (built by its `<name>-document.ts`) kept by a projection of all its events, with
 * a projection spec, a query by id and its GET route.
 */
const readModel = useCaseSchematic({
  kind: 'read model',
  directory: __dirname,
  path: 'model',
  summary: ({ name, segment, agg, stripped }) => (stripped ? `Get ${withArticle(agg.words)}'s ${segment.words}` : `Get the ${name.words} of ${withArticle(agg.words)}`),
  route: ({ ctx, segment }) => ({ method: 'GET', path: `/api/v1/${ctx.kebab}/{id}/${segment.kebab}` }),
  check: (tree, { ctx, name }, force) => {
    const regenerated = force ? `libs/contexts/${ctx.kebab}/src/read-models/${name.kebab}/` : undefined;
    assertUnused(tree, 'MongoDB collection', name.snake, regenerated);
    assertUnused(tree, 'projection name', name.kebab, regenerated);
  },
  registration: ({ name }) => {
    const folder = `./read-models/${name.kebab}`;
    return {
      imports: [
        { names: [`Get${name.pascal}Handler`], from: `${folder}/get-${name.kebab}.handler.js` },
        { names: [`${name.pascal}HttpController`], from: `${folder}/${name.kebab}.http.controller.js` },
        { names: [`${name.pascal}Projection`], from: `${folder}/${name.kebab}.projection.js` },
        { names: [name.pascal, `${name.pascal}Schema`], from: `${folder}/${name.kebab}.schema.js` },
      ],
      models: [`{ name: ${name.pascal}.name, schema: ${name.pascal}Schema }`],
      controllers: [`${name.pascal}HttpController`],
      providers: [`${name.pascal}Projection`, `Get${name.pascal}Handler`],
    };
  },
});

module.exports = { readModel };
