import { eventually } from '@openbank/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@openbank/auth';
import { openAccount, registerPerson } from './http-helpers.js';
import { startListeningTestApp, type ListeningTestApp } from './test-app.js';

/**
 * For every route of the OpenAPI document, who may call it. A route missing here fails the test,
 * so a new route cannot be added without deciding (and proving) who may use it.
 *
 * Callers: anonymous; the owner (a customer owning the resources named); a stranger (a customer
 * owning none of them); a teller; an admin. Outcomes: allow (anything but an access refusal),
 * deny (401 without a token), forbid (403), hide (404, as if the resource did not exist).
 */
type Caller = 'anonymous' | 'owner' | 'stranger' | 'teller' | 'admin';
type Outcome = 'allow' | 'deny' | 'forbid' | 'hide';

interface Fixtures {
  owner: string;
  account: string;
  otherAccount: string;
  transfer: string;
}

interface Route {
  readonly call: (fixtures: Fixtures) => { path: string; body?: object };
  readonly expect: Record<Caller, Outcome>;
  /** A server-sent event stream never ends: read its status, then hang up. */
  readonly stream?: boolean;
  /** The route names a resource that does not exist (no parked event to replay): its 404 is genuine. */
  readonly nothingThere?: boolean;
}

const everyone: Record<Caller, Outcome> = { anonymous: 'allow', owner: 'allow', stranger: 'allow', teller: 'allow', admin: 'allow' };
const anyToken: Record<Caller, Outcome> = { ...everyone, anonymous: 'deny' };
const staff: Record<Caller, Outcome> = { anonymous: 'deny', owner: 'forbid', stranger: 'forbid', teller: 'allow', admin: 'allow' };
const ownerReads: Record<Caller, Outcome> = { anonymous: 'deny', owner: 'allow', stranger: 'hide', teller: 'allow', admin: 'allow' };
const admins: Record<Caller, Outcome> = { anonymous: 'deny', owner: 'forbid', stranger: 'forbid', teller: 'forbid', admin: 'allow' };
const ownerMovesMoney: Record<Caller, Outcome> = { anonymous: 'deny', owner: 'allow', stranger: 'forbid', teller: 'allow', admin: 'allow' };

const person = { first_name: 'Matrix', last_name: 'Probe', date_of_birth: '1980-01-01', nationality: 'BE', gender: 'OTHER' };

const routes: Record<string, Route> = {
  'POST /api/v1/persons': { call: () => ({ path: '/api/v1/persons', body: person }), expect: staff },
  'GET /api/v1/persons': { call: () => ({ path: '/api/v1/persons' }), expect: staff },
  'GET /api/v1/persons/{id}': { call: (f) => ({ path: `/api/v1/persons/${f.owner}` }), expect: ownerReads },
  'GET /api/v1/persons/{id}/summary': { call: (f) => ({ path: `/api/v1/persons/${f.owner}/summary` }), expect: ownerReads },
  'GET /api/v1/persons/{id}/history': { call: (f) => ({ path: `/api/v1/persons/${f.owner}/history` }), expect: ownerReads },
  // An unknown ground: the caller's access is decided, and nobody is forgotten.
  'POST /api/v1/persons/{id}/forget': { call: (f) => ({ path: `/api/v1/persons/${f.owner}/forget`, body: { reason: 'NOT_A_GROUND' } }), expect: staff },
  'PUT /api/v1/persons/{id}/address': {
    call: (f) => ({ path: `/api/v1/persons/${f.owner}/address`, body: { street: 'Main Street', number: '1', zip_code: '1000', city: 'Brussels', country: 'BE' } }),
    expect: ownerReads,
  },
  'POST /api/v1/accounts': { call: (f) => ({ path: '/api/v1/accounts', body: { owner_id: f.owner } }), expect: ownerMovesMoney },
  'GET /api/v1/accounts': { call: () => ({ path: '/api/v1/accounts' }), expect: staff },
  'GET /api/v1/accounts/{id}': { call: (f) => ({ path: `/api/v1/accounts/${f.account}` }), expect: ownerReads },
  'GET /api/v1/accounts/by-owner/{ownerId}': { call: (f) => ({ path: `/api/v1/accounts/by-owner/${f.owner}` }), expect: ownerReads },
  'PUT /api/v1/accounts/{id}/overdraft-limit': { call: (f) => ({ path: `/api/v1/accounts/${f.account}/overdraft-limit`, body: { overdraft_limit: '100.00' } }), expect: staff },
  'POST /api/v1/accounts/{id}/close': { call: (f) => ({ path: `/api/v1/accounts/${f.account}/close`, body: { reason: 'matrix' } }), expect: ownerMovesMoney },
  'GET /api/v1/accounts/{id}/history': { call: (f) => ({ path: `/api/v1/accounts/${f.account}/history` }), expect: ownerReads },
  'GET /api/v1/accounts/{id}/balance': { call: (f) => ({ path: `/api/v1/accounts/${f.account}/balance?at=${new Date().toISOString()}` }), expect: ownerReads },
  'GET /api/v1/accounts/{id}/transactions': { call: (f) => ({ path: `/api/v1/accounts/${f.account}/transactions` }), expect: ownerReads },
  'POST /api/v1/transactions/deposit': { call: (f) => ({ path: '/api/v1/transactions/deposit', body: { account_id: f.account, amount: '1.00' } }), expect: anyToken },
  'POST /api/v1/accounts/{id}/deposit': { call: (f) => ({ path: `/api/v1/accounts/${f.account}/deposit`, body: { amount: '1.00' } }), expect: anyToken },
  'POST /api/v1/transactions/withdrawal': { call: (f) => ({ path: '/api/v1/transactions/withdrawal', body: { account_id: f.account, amount: '0.01' } }), expect: ownerMovesMoney },
  'POST /api/v1/transactions/transfer': {
    call: (f) => ({ path: '/api/v1/transactions/transfer', body: { from_account_id: f.account, to_account_id: f.otherAccount, amount: '0.01' } }),
    expect: ownerMovesMoney,
  },
  'POST /api/v1/transactions/interest': { call: (f) => ({ path: '/api/v1/transactions/interest', body: { account_id: f.account, amount: '0.01', from: '2020-01-01', to: '2020-01-02' } }), expect: staff },
  'GET /api/v1/transactions/transfers/{id}': { call: (f) => ({ path: `/api/v1/transactions/transfers/${f.transfer}` }), expect: ownerReads },
  'GET /api/v1/transactions/transfers': { call: (f) => ({ path: `/api/v1/transactions/transfers?account_id=${f.account}` }), expect: ownerReads },
  'GET /api/v1/transactions': { call: (f) => ({ path: `/api/v1/transactions?account_id=${f.account}` }), expect: staff },
  'GET /api/v1/transactions/analytics': { call: () => ({ path: '/api/v1/transactions/analytics?from=2026-01-01&to=2026-01-31' }), expect: staff },
  'GET /api/v1/stats': { call: () => ({ path: '/api/v1/stats' }), expect: staff },
  'GET /health': { call: () => ({ path: '/health' }), expect: everyone },
  'GET /metrics': { call: () => ({ path: '/metrics' }), expect: admins },
  'GET /api/v1/events/stream': { call: () => ({ path: '/api/v1/events/stream' }), expect: staff, stream: true },
  'GET /api/v1/admin/subscriptions': { call: () => ({ path: '/api/v1/admin/subscriptions' }), expect: admins },
  'GET /api/v1/admin/processes': { call: () => ({ path: '/api/v1/admin/processes' }), expect: admins },
  'POST /api/v1/admin/subscriptions/{name}/rebuild': { call: () => ({ path: '/api/v1/admin/subscriptions/stream-activity/rebuild' }), expect: admins },
  'GET /api/v1/admin/consumer-groups/superseded': { call: () => ({ path: '/api/v1/admin/consumer-groups/superseded' }), expect: admins },
  'DELETE /api/v1/admin/consumer-groups/superseded/{name}': { call: () => ({ path: '/api/v1/admin/consumer-groups/superseded/openbank-none' }), expect: admins, nothingThere: true },
  'GET /api/v1/admin/parked-events': { call: () => ({ path: '/api/v1/admin/parked-events' }), expect: admins },
  'POST /api/v1/admin/parked-events/replay': { call: () => ({ path: '/api/v1/admin/parked-events/replay' }), expect: admins },
  'POST /api/v1/admin/parked-events/{id}/replay': { call: () => ({ path: '/api/v1/admin/parked-events/none/replay' }), expect: admins, nothingThere: true },
  'GET /api/v1/admin/streams/idle': { call: () => ({ path: '/api/v1/admin/streams/idle' }), expect: admins },
  'GET /api/v1/admin/streams/{stream}': { call: (f) => ({ path: `/api/v1/admin/streams/account-${f.account}` }), expect: admins },
  'GET /api/v1/admin/stores': { call: () => ({ path: '/api/v1/admin/stores' }), expect: admins },
  'GET /api/v1/admin/ledger/verification': { call: () => ({ path: '/api/v1/admin/ledger/verification?settle_seconds=0&catch_up_seconds=5' }), expect: admins },
  'GET /api/v1/admin/archives': { call: () => ({ path: '/api/v1/admin/archives' }), expect: admins },
  'GET /api/v1/admin/archives/due': { call: () => ({ path: '/api/v1/admin/archives/due' }), expect: admins },
  // An open account is not due: the admin is refused with 409 STREAM_NOT_ARCHIVABLE, nothing is archived.
  'POST /api/v1/admin/archives/{stream}': { call: (f) => ({ path: `/api/v1/admin/archives/account-${f.account}` }), expect: admins },
  'GET /api/v1/admin/archives/{stream}/verification': { call: (f) => ({ path: `/api/v1/admin/archives/account-${f.account}/verification` }), expect: admins, nothingThere: true },
  'POST /api/v1/admin/archives/{stream}/restore': { call: (f) => ({ path: `/api/v1/admin/archives/account-${f.account}/restore` }), expect: admins, nothingThere: true },
  // DATA_DIR of the test app holds no embedded store: the admin is refused with 409 BACKUP_NOT_POSSIBLE.
  'POST /api/v1/admin/backups': { call: () => ({ path: '/api/v1/admin/backups' }), expect: admins },
  'POST /api/v1/dev/tokens': { call: () => ({ path: '/api/v1/dev/tokens', body: { role: 'teller' } }), expect: everyone },
};

/** What an answer says about access. */
function outcomeOf(status: number, code: string | undefined, nothingThere = false): Outcome {
  if (status === 401) return 'deny';
  if (status === 403 && code === 'ACCESS_DENIED') return 'forbid';
  // The resources a route names exist (the fixtures): a 404 is a refusal in disguise.
  if (status === 404 && code?.endsWith('_NOT_FOUND') && !nothingThere) return 'hide';
  return 'allow';
}

describe('the access matrix', () => {
  let app: ListeningTestApp;
  let fixtures: Fixtures;
  let operations: string[];
  const tokens = new Map<Caller, string | undefined>();
  // A directory of its own: the archive and backup routes never touch the data of a local run.
  const dataDir = mkdtempSync(join(tmpdir(), 'openbank-access-matrix-'));

  beforeAll(async () => {
    app = await startListeningTestApp({ DATA_DIR: dataDir });
    const owner = await registerPerson(app.api);
    const stranger = await registerPerson(app.api);
    const account = await openAccount(app.api, owner, { overdraft_limit: '1000' });
    const otherAccount = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '500.00' }).expect(201);
    const transfer = (await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: account, to_account_id: otherAccount, amount: '1.00' }).expect(201)).body.id;
    // Read models the routes read must exist, or a 404 would be real rather than a refusal.
    await eventually(() => app.api.get(`/api/v1/transactions/transfers/${transfer}`).expect(200));
    await eventually(() => app.api.get(`/api/v1/persons/${owner}`).expect(200));
    await eventually(() => app.api.get(`/api/v1/persons/${owner}/summary`).expect(200));
    fixtures = { owner, account, otherAccount, transfer };
    const roleOf: Record<Exclude<Caller, 'anonymous'>, [Role, string?]> = { owner: ['customer', owner], stranger: ['customer', stranger], teller: ['teller'], admin: ['admin'] };
    tokens.set('anonymous', undefined);
    for (const [caller, [role, personId]] of Object.entries(roleOf)) tokens.set(caller as Caller, await app.token(role, personId));
    const document = (await app.api.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, token: string | undefined, body?: object) {
    let request = method === 'GET' ? app.api.get(path) : method === 'PUT' ? app.api.put(path) : method === 'DELETE' ? app.api.delete(path) : app.api.post(path);
    request = token ? request.set('authorization', `Bearer ${token}`) : request.unset('authorization');
    const response = body ? await request.send(body) : await request;
    return { status: response.status, code: response.body?.code as string | undefined };
  }

  async function openStream(path: string, token: string | undefined) {
    const hangUp = new AbortController();
    const response = await fetch(`${app.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: hangUp.signal });
    const code = response.ok ? undefined : ((await response.json()) as { code?: string }).code;
    hangUp.abort();
    return { status: response.status, code };
  }

  it('has an expectation for every route of the API', () => {
    expect(operations.filter((operation) => !(operation in routes))).toEqual([]);
    expect(Object.keys(routes).filter((operation) => !operations.includes(operation))).toEqual([]);
  });

  it('lets each caller do exactly what it is allowed to, and nothing more', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const operation of operations) {
      const route = routes[operation];
      if (!route) continue;
      const [method] = operation.split(' ');
      for (const caller of ['anonymous', 'owner', 'stranger', 'teller', 'admin'] as Caller[]) {
        const { path, body } = route.call(fixtures);
        const token = tokens.get(caller);
        const { status, code } = route.stream ? await openStream(path, token) : await call(method, path, token, body);
        seen.push(`${operation} as ${caller}: ${outcomeOf(status, code, route.nothingThere)}`);
        wanted.push(`${operation} as ${caller}: ${route.expect[caller]}`);
        if (status >= 500) throw new Error(`${operation} as ${caller} answered ${status}`);
      }
    }
    expect(seen).toEqual(wanted);
  });
});
