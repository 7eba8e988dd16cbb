import { SignJWT } from 'jose';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { expectProblem, openAccount, registerPerson } from './http-helpers.js';
import { clientWith, startTestApp, testSecret, type TestApp } from './test-app.js';

const sign = (claims: Record<string, unknown>, options: { secret?: string; audience?: string; issuer?: string; expires?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('teller:probe')
    .setIssuer(options.issuer ?? 'openbank')
    .setAudience(options.audience ?? 'openbank-api')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? testSecret));

describe('authentication', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  const callWith = (token?: string) => clientWith(app.http, token).get('/api/v1/accounts');

  it('refuses a request without a token, or with a malformed Authorization header', async () => {
    expectProblem(await callWith(), 401, 'INVALID_TOKEN');
    expectProblem(await clientWith(app.http).get('/api/v1/accounts').set('authorization', 'Basic dGVsbGVyOnB3'), 401, 'INVALID_TOKEN');
    expectProblem(await callWith('not.a.jwt'), 401, 'INVALID_TOKEN');
  });

  it('refuses an expired token, another audience, another issuer and a tampered signature', async () => {
    expectProblem(await callWith(await sign({ roles: ['teller'] }, { expires: '1s ago' })), 401, 'INVALID_TOKEN');
    expect((await callWith(await sign({ roles: ['teller'] }, { expires: '1s ago' }))).body.detail).toBe('the token has expired');
    expectProblem(await callWith(await sign({ roles: ['teller'] }, { audience: 'another-api' })), 401, 'INVALID_TOKEN');
    expectProblem(await callWith(await sign({ roles: ['teller'] }, { issuer: 'someone-else' })), 401, 'INVALID_TOKEN');
    expectProblem(await callWith(await sign({ roles: ['teller'] }, { secret: 'another-secret-of-at-least-thirty-two-chars' })), 401, 'INVALID_TOKEN');
    const [header, payload, signature] = (await sign({ roles: ['customer'], person_id: '00000000-0000-4000-8000-000000000000' })).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin'] })).toString('base64url');
    expectProblem(await callWith(`${header}.${promoted}.${signature}`), 401, 'INVALID_TOKEN');
  });

  it('refuses a token that grants no role of this API, and a customer token without a person', async () => {
    expectProblem(await callWith(await sign({ roles: ['superuser'] })), 401, 'INVALID_TOKEN');
    expectProblem(await callWith(await sign({ roles: ['customer'] })), 401, 'INVALID_TOKEN');
  });

  it('takes roles as a list or one role on its own, never as a space-separated string', async () => {
    await callWith(await sign({ roles: 'teller' })).expect(200);
    const spaced = await callWith(await sign({ roles: 'customer admin' }));
    expectProblem(spaced, 401, 'INVALID_TOKEN');
    expect(spaced.body.detail).toBe('the roles claim must be a list of roles');
  });

  it('accepts a valid token, and records its subject as the acting principal of every event', async () => {
    await callWith(await sign({ roles: ['teller'] })).expect(200);
    const person = await registerPerson(clientWith(app.http, await sign({ roles: ['teller'] })));
    const [event] = await (async () => {
      const events = [];
      for await (const { event } of app.app.get(KurrentDBClient).readStream(`person-${person}`)) events.push(event!);
      return events;
    })();
    expect(event.metadata).toMatchObject({ principal: 'teller:probe' });
  });

  it('issues development tokens that work, for each role', async () => {
    const issued = await clientWith(app.http).post('/api/v1/dev/tokens').send({ role: 'admin' }).expect(200);
    expect(issued.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    await callWith(issued.body.access_token).expect(200);
    expectProblem(await clientWith(app.http).post('/api/v1/dev/tokens').send({ role: 'customer' }), 400, 'INVALID_REQUEST');
  });
});

describe('what a customer may do', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('deposits into and transfers to an account of someone else, but cannot read it or move money out of it', async () => {
    const alice = await registerPerson(app.api);
    const bob = await registerPerson(app.api);
    const aliceAccount = await openAccount(app.api, alice);
    const bobAccount = await openAccount(app.api, bob);
    const asAlice = await app.as('customer', alice);
    await asAlice.post(`/api/v1/accounts/${aliceAccount}/deposit`).send({ amount: '100.00' }).expect(201);
    await asAlice.post(`/api/v1/accounts/${bobAccount}/deposit`).send({ amount: '5.00' }).expect(201);
    await asAlice.post('/api/v1/transactions/transfer').send({ from_account_id: aliceAccount, to_account_id: bobAccount, amount: '10.00' }).expect(201);
    expectProblem(await asAlice.get(`/api/v1/accounts/${bobAccount}`), 404, 'BANK_ACCOUNT_NOT_FOUND');
    expectProblem(await asAlice.post('/api/v1/transactions/withdrawal').send({ account_id: bobAccount, amount: '1.00' }), 403, 'ACCESS_DENIED');
    expectProblem(await asAlice.post('/api/v1/transactions/transfer').send({ from_account_id: bobAccount, to_account_id: aliceAccount, amount: '1.00' }), 403, 'ACCESS_DENIED');
  });

  it('opens accounts for herself only', async () => {
    const alice = await registerPerson(app.api);
    const bob = await registerPerson(app.api);
    const asAlice = await app.as('customer', alice);
    await asAlice.post('/api/v1/accounts').send({ owner_id: alice }).expect(201);
    expectProblem(await asAlice.post('/api/v1/accounts').send({ owner_id: bob }), 403, 'ACCESS_DENIED');
    expectProblem(await asAlice.post('/api/v1/persons').send({ first_name: 'Mallory', last_name: 'X', date_of_birth: '1990-01-01', nationality: 'BE', gender: 'OTHER' }), 403, 'ACCESS_DENIED');
  });

  it('cannot assign what only the bank decides', async () => {
    const alice = await registerPerson(app.api);
    const asAlice = await app.as('customer', alice);
    const account = await openAccount(asAlice, alice);
    for (const body of [
      { owner_id: alice, balance: '1000000.00' },
      { owner_id: alice, status: 'ACTIVE', overdraft_limit: '0', revision: 0 },
      { owner_id: alice, owner: 'Someone Else' },
    ]) {
      expectProblem(await asAlice.post('/api/v1/accounts').send(body), 400, 'INVALID_REQUEST');
    }
    expectProblem(await asAlice.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00', balance_after: '1000000.00' }), 400, 'INVALID_REQUEST');
    expectProblem(await asAlice.put(`/api/v1/accounts/${account}/overdraft-limit`).send({ overdraft_limit: '1000000.00' }), 403, 'ACCESS_DENIED');
  });
});

describe('rate limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '1000', RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '5' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 with Retry-After once a principal spent its requests, without slowing others down', async () => {
    const busy = await app.as('teller');
    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await busy.get('/api/v1/accounts')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await busy.get('/api/v1/accounts');
    expectProblem(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await (await app.as('admin')).get('/api/v1/accounts').expect(200);
  });

  it('limits each client address too, before authentication', async () => {
    const strict = await startTestApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    try {
      const anonymous = clientWith(strict.http);
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt++) statuses.push((await anonymous.get('/api/v1/accounts')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
});
