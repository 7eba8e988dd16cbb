import { BACKWARDS, END, KurrentDBClient } from '@kurrent/kurrentdb-client';
import fc from 'fast-check';
import { startListeningTestApp, type ListeningTestApp } from '../test-app.js';
import { alice, openAccount, registerPerson } from '../http-helpers.js';
import { BankClient } from './support/bank-client.js';
import { hostileRequest, routesOf, type HostileRequest, type OpenApiDocument, type Route } from './support/hostile-requests.js';
import { waitUntilCaughtUp } from './support/read-model-check.js';
import { loadFriendlySettings, reliabilitySeed, reliabilityStores, report, sized } from './support/settings.js';

const requestsPerRoute = sized(6, 120);

/**
 * Requests built from the OpenAPI document, every route, with random and boundary values, unknown
 * fields, wrong types, huge and malformed bodies and query-operator payloads, as every kind of
 * caller: never a 5xx, every error an RFC 9457 problem, and a refused request changes nothing.
 */
describe('hostile input on every route', () => {
  let app: ListeningTestApp;
  let events: KurrentDBClient;

  beforeAll(async () => {
    app = await startListeningTestApp({ ...loadFriendlySettings, TRANSFER_WAIT_MS: '200' }, await reliabilityStores());
    events = KurrentDBClient.connectionString(app.stores.kurrentdb);
  });

  afterAll(async () => {
    await events?.dispose();
    await app?.close();
  });

  /** The position of the last event in the store: moves with anything written. */
  async function head(): Promise<string> {
    for await (const { event } of events.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) return String(event?.position?.commit);
    return 'empty';
  }

  it('never answers 5xx, answers every error as problem+json, and a refused request changes nothing', async () => {
    const document = (await app.api.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const routes = routesOf(document);
    const person = await registerPerson(app.api, alice);
    const [from, to] = [await openAccount(app.api, person), await openAccount(app.api, person)];
    await app.api.post(`/api/v1/accounts/${from}/deposit`).send({ amount: '500.00' }).expect(201);
    const transfer = (await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount: '10.00' })).body.id;
    const subscriptions = (await app.api.get('/api/v1/admin/subscriptions').set('authorization', `Bearer ${await app.token('admin')}`)).body.map(({ name }: { name: string }) => name);
    const known = { uuids: [person, from, to, transfer], subscriptions };
    const callers = { anonymous: undefined, customer: await app.token('customer', person), teller: await app.token('teller'), admin: await app.token('admin') };
    const admin = new BankClient(app.baseUrl, callers.admin, { answerWithinMs: 30_000, giveUpAfterMs: 60_000 });
    const statuses: Record<string, number> = {};
    let accepted = 0;

    for (const [index, route] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(hostileRequest(document, [route], known), fc.constantFrom(...(Object.keys(callers) as (keyof typeof callers)[])), async (request, caller) => {
          const before = await head();
          const answer = await send(app.baseUrl, request, callers[caller]);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          const attempt = `${shown(route, request)} as ${caller}`;
          expect(answer.status < 500 ? 'no server error' : `${attempt} answered ${answer.status} ${answer.text.slice(0, 500)}`).toBe('no server error');
          if (answer.status >= 400) {
            expect({ request: attempt, ...problemShape(answer) }).toEqual({ request: attempt, contentType: 'application/problem+json', status: answer.status, code: 'a string', title: 'a string', stackTrace: false });
            expect({ request: attempt, head: await head() }).toEqual({ request: attempt, head: before });
          } else {
            accepted++;
            // What it started (a transfer's steps) finishes before the next request's "before" is taken.
            await waitUntilCaughtUp(admin);
          }
        }),
        { seed: reliabilitySeed + index, numRuns: requestsPerRoute },
      );
    }

    report('hostile input', { routes: routes.length, requests: routes.length * requestsPerRoute, accepted, ...Object.fromEntries(Object.entries(statuses).map(([status, count]) => [`answered ${status}`, count])) });
  }, sized(240_000, 1_800_000));
});

async function send(baseUrl: string, request: HostileRequest, token?: string): Promise<{ status: number; contentType: string; text: string }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (request.contentType) headers['content-type'] = request.contentType;
  const withBody = request.method !== 'GET' && request.method !== 'HEAD';
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers, body: withBody ? request.body : undefined, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

function problemShape(answer: { status: number; contentType: string; text: string }) {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(answer.text);
  } catch {
    // Not JSON: the shape below says what is missing.
  }
  return {
    contentType: answer.contentType.split(';')[0],
    status: body.status,
    code: typeof body.code === 'string' ? 'a string' : body.code,
    title: typeof body.title === 'string' ? 'a string' : body.title,
    stackTrace: /\bat .+\.(js|ts):\d+/.test(answer.text),
  };
}

function shown(route: Route, request: HostileRequest): string {
  return `${route.method} ${route.template}: ${fc.stringify(request)}`;
}
