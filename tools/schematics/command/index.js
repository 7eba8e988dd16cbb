'use strict';
const { capitalize, withArticle } = require('../lib/names.js');
const { useCaseSchematic } = require('../lib/use-case.js');

/**
 * `command <name> --project <context>`: a command use case on the context's aggregate (command,
 * handler, HTTP controller, request DTO, response, spec) and its decision in the domain, which
 * refuses an unknown aggregate and records nothing until its rules are written.
 */
const command = useCaseSchematic({
  kind: 'command',
  directory: __dirname,
  path: 'command',
  // "Approve a loan offer" for approve-loan-offer; the name itself when it does not name the aggregate.
  summary: ({ name, segment, agg, stripped }) => (stripped ? `${capitalize(segment.words)} ${withArticle(agg.words)}` : `${capitalize(name.words)} (${agg.words})`),
  route: ({ ctx, segment }) => ({ method: 'POST', path: `/api/v1/${ctx.kebab}/{id}/${segment.kebab}`, body: '{}' }),
  registration: ({ name }) => ({
    imports: [
      { names: [`${name.pascal}Handler`], from: `./commands/${name.kebab}/${name.kebab}.handler.js` },
      { names: [`${name.pascal}HttpController`], from: `./commands/${name.kebab}/${name.kebab}.http.controller.js` },
    ],
    controllers: [`${name.pascal}HttpController`],
    providers: [`${name.pascal}Handler`],
  }),
});

module.exports = { command };
