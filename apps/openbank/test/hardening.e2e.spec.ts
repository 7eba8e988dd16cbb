import { connect } from 'node:net';
import { expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { clientWith, startTestApp, type TestApp } from './test-app.js';

/** Sends raw bytes to the listening application; resolves with all it answered once it closes the connection. */
function exchangeRaw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk)).on('close', () => resolve(answer)).on('error', reject);
  });
}

function problemOf(answer: string) {
  const [head, body] = answer.split('\r\n\r\n');
  return { statusLine: head.split('\r\n')[0], head: head.toLowerCase(), body: JSON.parse(body) };
}

describe('hardening', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ VELOCITY_MAX_OUTGOING_PER_HOUR: '2', VELOCITY_MAX_OUTGOING_PER_DAY: '100.00', CORS_ORIGINS: 'https://bank.example' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('holds each account to its velocity limits on money going out', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    const other = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '500.00' }).expect(201);
    await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '10.00' }).expect(201);
    await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: account, to_account_id: other, amount: '10.00' }).expect(201);
    expectProblem(await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '1.00' }), 422, 'VELOCITY_LIMIT_EXCEEDED');
    expectProblem(await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: account, to_account_id: other, amount: '1.00' }), 422, 'VELOCITY_LIMIT_EXCEEDED');
    // Money coming in is not limited.
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00' }).expect(201);
  });

  it('refuses a single withdrawal above the 24-hour allowance', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '500.00' }).expect(201);
    expectProblem(await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '100.01' }), 422, 'VELOCITY_LIMIT_EXCEEDED');
  });

  it('refuses text with control, bidirectional-override or unpaired surrogate characters, naming the field, and records nothing', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    const hostile = { nul: 'Rent\u0000', override: 'Invoice \u202Egpj.exe', isolate: 'x\u2066y', lone: 'half \ud83d', escape: 'bell\u0007', c1: 'x\u0085' };
    for (const [kind, description] of Object.entries(hostile)) {
      const refused = await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00', description });
      expectProblem(refused, 400, 'INVALID_REQUEST');
      expect({ kind, errors: refused.body.errors }).toEqual({ kind, errors: [{ field: 'description', message: expect.stringContaining('description') }] });
    }
    const nested = await app.api.post('/api/v1/persons').send({ first_name: 'Eve', last_name: 'Doe', date_of_birth: '1990-01-01', nationality: 'US', address: { street: 'Main \u202E1', city: 'X', postal_code: '1', country: 'US' } });
    expectProblem(nested, 400, 'INVALID_REQUEST');
    expect(nested.body.errors).toEqual([{ field: 'address.street', message: expect.any(String) }]);
    expectProblem(await app.api.get('/api/v1/persons').query({ name: 'a\u0000' }), 400, 'INVALID_REQUEST');
    // Text that merely looks unusual is fine: accents, emoji (a complete surrogate pair), right-to-left script.
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00', description: 'Café 🎉 שלום' }).expect(201);
    // Only that deposit was recorded: revision 1 after the opening, one transaction.
    expect(await readModel(app.api, `/api/v1/accounts/${account}`, 1)).toMatchObject({ revision: 1, transactions_count: 1, balance: '1.00' });
  });

  it('refuses a body announced in another charset than UTF-8 (415), and takes UTF-8 however it is spelt', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    const send = (contentType: string) => app.api.post(`/api/v1/accounts/${account}/deposit`).set('content-type', contentType).send(JSON.stringify({ amount: '1.00' }));
    expectProblem(await send('application/json; charset=utf-16'), 415, 'UNSUPPORTED_CHARSET');
    expectProblem(await send('application/json; charset="iso-8859-1"'), 415, 'UNSUPPORTED_CHARSET');
    await send('application/json; charset=UTF-8').expect(201);
    await send('application/json').expect(201);
  });

  it('sends security headers and never a stack trace', async () => {
    const response = await app.api.get('/api/v1/accounts/not-a-uuid');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toMatch(/node_modules|\.ts:\d+|at \w+ \(/);
  });

  it('answers bodies nested too deep and path parameters too long with a problem, not a crash', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expectProblem(await app.api.post('/api/v1/persons').set('content-type', 'application/json').send(deep), 400, 'BODY_TOO_DEEP');
    expectProblem(await app.api.get(`/api/v1/accounts/${'a'.repeat(500)}`), 414, 'URI_TOO_LONG');
  });

  it('lets browsers call only from the allowed origins', async () => {
    const allowed = await clientWith(app.http).get('/health').set('origin', 'https://bank.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://bank.example');
    const foreign = await clientWith(app.http).get('/health').set('origin', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('treats query-operator payloads as data, never as operators', async () => {
    const person = await registerPerson(app.api);
    for (const injection of [{ $ne: null }, { $gt: '' }, { $where: 'sleep(1000)' }, { $regex: '.*' }]) {
      expectProblem(await app.api.post('/api/v1/transactions/deposit').send({ account_id: injection, amount: '1.00' }), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.post('/api/v1/accounts').send({ owner_id: injection }), 400, 'INVALID_REQUEST');
    }
    expectProblem(await app.api.get('/api/v1/persons?name[$regex]=.*'), 400, 'INVALID_REQUEST');
    expectProblem(await app.api.get(`/api/v1/accounts/by-owner/${person}?page_size[$gt]=0`), 400, 'INVALID_REQUEST');
    const page = (await app.api.get('/api/v1/persons?name=%7B%22%24ne%22%3Anull%7D').expect(200)).body;
    expect(page.total_items).toBe(0);
  });

  it('answers requests that are not valid HTTP with a problem and closes their connection', async () => {
    await app.app.listen(0, '127.0.0.1');
    const port = Number(new URL(await app.app.getUrl()).port);
    const cases = [
      { bytes: 'NOT HTTP AT ALL\r\n\r\n', status: 400, code: 'MALFORMED_HTTP_REQUEST' },
      { bytes: 'POST /api/v1/persons HTTP/1.1\r\nhost: x\r\ncontent-length: twelve\r\n\r\n', status: 400, code: 'MALFORMED_HTTP_REQUEST' },
      { bytes: `GET /health HTTP/1.1\r\nhost: x\r\nx-filler: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' },
    ];
    for (const { bytes, status, code } of cases) {
      const answer = problemOf(await exchangeRaw(port, bytes));
      expect(answer.statusLine).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(answer.head).toContain('content-type: application/problem+json');
      expect(answer.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:openbank:problem:/) });
    }
    // The server goes on answering well-formed requests.
    expect(problemOf(await exchangeRaw(port, 'GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')).statusLine).toMatch(/^HTTP\/1.1 200 /);
  });
});
