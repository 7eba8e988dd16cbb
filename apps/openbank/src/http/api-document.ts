import type { OpenAPIObject, SwaggerCustomOptions } from '@nestjs/swagger';
import { DocumentBuilder } from '@nestjs/swagger';

/**
 * The OpenAPI document's front matter (what Swagger UI shows above the operations): how to get a
 * token, the walk-through the examples tell, the tags in the order a new user needs them. The
 * operations, their descriptions and examples are declared on the routes.
 */
export function apiDocument(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('OpenBank API')
    .setDescription(description)
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from your identity provider, or locally from POST /api/v1/dev/tokens.' }, 'bearer')
    .addTag('authentication', 'Getting a token to try the API with (development tokens: local use only).')
    .addTag('persons', 'Customers of the bank: register them, read them back, follow their changes.')
    .addTag('accounts', 'Bank accounts: open, read, change the overdraft limit, close; an account over time (its event timeline, its balance at an instant).')
    .addTag('transactions', 'Money moving: deposits, withdrawals, transfers, interest; the transactions, the transfers and the analytics.')
    .addTag('events', 'Every domain event as a CloudEvent, live.')
    .addTag('operations', 'For those who run the bank: health, statistics, metrics, the read side (subscriptions, rebuilds, parked events), streams, the ledger check.')
    .build();
}

const description = `Event-sourced, CQRS banking: persons, accounts, money movement. Every error is an RFC 9457 \`application/problem+json\` answer with a stable \`code\`.

### Getting a token

Every operation needs a bearer token (a JWT), except \`/health\`, these docs and, where development tokens are on, the route that issues them.

- **Locally** (development tokens are on with the embedded stores, for callers on the machine OpenBank runs on): in **authentication**, open \`POST /api/v1/dev/tokens\`, click *Try it out*, then *Execute*. This page authorizes itself with the token it gets; or copy \`access_token\` into *Authorize*. The role is \`teller\` (bank staff: may act for anyone), \`admin\` (also the operations) or \`customer\` (with a \`person_id\`: that person's own accounts only).
- **With an identity provider**: ask it for an access token for this API (audience \`AUTH_AUDIENCE\`, roles in \`AUTH_ROLES_CLAIM\`) and paste it into *Authorize*.

### Trying the examples in order

The examples tell one story: a teller registers Alice Smith, opens two accounts for her, deposits into the first, withdraws from it, transfers from the first to the second, and reads it all back. Try them in this order:

1. **authentication**: \`POST /api/v1/dev/tokens\` (a teller's token; this page uses it from then on).
2. **persons**: \`POST /api/v1/persons\` (Alice), then any of the others.
3. **accounts**: \`POST /api/v1/accounts\` twice (her first and her second account), then the reads. (With the same \`Idempotency-Key\` the second would be the first one's answer again: that is what the key is for.)
4. **transactions**: \`POST /api/v1/transactions/deposit\`, \`…/withdrawal\`, \`…/transfer\`, \`…/interest\`, then the reads (transactions, transfers, analytics).
5. **accounts** again: the history and the balance at an instant, now with money in them; closing the second account needs its balance at zero (withdraw what the transfer put there first).

The bank gives everything a new id. This page remembers the ids it got — the person you registered, the first and the second account you opened, the transfer you made — and puts them in place of the examples' ids (\`b6b4a0a4-…\` for the person, \`4f0e5b8e-…\` and \`7d1c2b3a-…\` for the accounts, \`2c9a4f1e-…\` for the transfer) in the requests it sends, so each example finds what the ones before it created; and it asks for the balance at the present instant rather than at the example's, which is before anything you created. Edit a request to use any other id.`;

/**
 * Swagger UI's options. Its request and response interceptors make the examples work in order:
 * an answer that creates something is remembered (the person, the first and the second account, the
 * transfer) and a later request that names the example's id is sent with the id the bank gave;
 * a development token, once issued, authorizes the page. The functions are copied into Swagger UI's
 * page as their source: they use nothing but their arguments and the page's `window`.
 */
export const swaggerUiOptions: SwaggerCustomOptions = {
  jsonDocumentUrl: 'api/docs-json',
  swaggerOptions: {
    persistAuthorization: true,
    requestInterceptor: sendWithRememberedIds,
    responseInterceptor: rememberCreatedIds,
  },
};

/** What the interceptors keep between requests: example id → the id the bank gave. */
interface RememberedIds {
  [exampleId: string]: string;
}

interface InterceptedRequest {
  url: string;
  method?: string;
  body?: unknown;
}

interface InterceptedResponse {
  ok: boolean;
  url: string;
  status: number;
  body?: unknown;
}

export function sendWithRememberedIds(request: InterceptedRequest): InterceptedRequest {
  const remembered: RememberedIds = ((globalThis as { openbankExampleIds?: RememberedIds }).openbankExampleIds ??= {});
  for (const [example, actual] of Object.entries(remembered)) {
    request.url = request.url.split(example).join(actual);
    if (typeof request.body === 'string') request.body = request.body.split(example).join(actual);
  }
  // The balance at an instant: the example's instant came before anything created here, so the page asks for the present one.
  const now = new Date().toISOString();
  request.url = request.url.split('at=2026-11-22T10%3A00%3A00Z').join(`at=${encodeURIComponent(now)}`).split('at=2026-11-22T10:00:00Z').join(`at=${now}`);
  return request;
}

export function rememberCreatedIds(response: InterceptedResponse): InterceptedResponse {
  const remembered: RememberedIds = ((globalThis as { openbankExampleIds?: RememberedIds }).openbankExampleIds ??= {});
  const body = response.body as { id?: string; access_token?: string } | undefined;
  const path = new URL(response.url, 'http://openbank').pathname;
  if (!response.ok || !body) return response;
  if (path === '/api/v1/dev/tokens' && body.access_token) {
    (globalThis as { ui?: { preauthorizeApiKey(name: string, value: string): void } }).ui?.preauthorizeApiKey('bearer', body.access_token);
  } else if (path === '/api/v1/persons' && body.id) {
    remembered['b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10'] = body.id;
  } else if (path === '/api/v1/accounts' && body.id) {
    // The first account opened here stands for the examples' first account, the next one for their second.
    const first = '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f';
    const second = '7d1c2b3a-5e6f-4a1b-9c8d-0e1f2a3b4c5d';
    if (!remembered[first]) remembered[first] = body.id;
    else if (!remembered[second]) remembered[second] = body.id;
  } else if (path === '/api/v1/transactions/transfer' && body.id) {
    remembered['2c9a4f1e-6b3d-4e8a-9f0c-5d7e1a2b3c4d'] = body.id;
  }
  return response;
}
