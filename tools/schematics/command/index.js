'use strict';
const { capitalize, stringLiteral, withArticle } = require('../lib/names.js');
const { useCaseSchematic } = require('../lib/use-case.js');

/**
 * `command <name> --project <context>`: a command use case on the context's aggregate (command,
 * handler, HTTP controller, request DTO, handler spec) and its decision in the domain, which
 * refuses an unknown aggregate and records nothing until its rules are written. It answers as the
 * context's commands do when the context builds that answer as a generated one (the aggregate as
 * its details read model shows it); otherwise with the aggregate's id and revision.
 */
const command = useCaseSchematic({
  kind: 'command',
  directory: __dirname,
  path: 'command',
  // "Approve a loan offer" for approve-loan-offer; the name itself when it does not name the aggregate.
  summary: ({ name, segment, agg, stripped }) => (stripped ? `${capitalize(segment.words)} ${withArticle(agg.words)}` : `${capitalize(name.words)} (${agg.words})`),
  values: ({ name, said }, { assertion, answer }) => ({
    assertion,
    answer,
    result: answer ? answer.result : `${name.pascal}Result`,
    response: answer ? answer.response : `${name.pascal}Response`,
    specTitle: stringLiteral(`${said} (${name.pascal}Handler)`),
  }),
  // Its own response (id and revision) only where it does not answer with the read model's.
  include: (file, { answer }) => !(answer && file.endsWith('.response.ts')),
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
