import { eventually } from '@openbank/testing';
import { openAccount, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The value of the one series with this name and (at least) these labels; 0 when absent. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} series`);
  return found[0]?.value ?? 0;
}

/**
 * GET /metrics on two application instances sharing the stores (as two replicas would): one
 * that retries on a concurrent change, one that answers 409 at once, so that conflicts, retries,
 * cache and snapshot hits happen for real rather than being simulated.
 */
describe('metrics for Prometheus', () => {
  let app: TestApp;
  let other: TestApp;

  const scrape = async (instance: TestApp) => {
    const response = await (await instance.as('admin')).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(response.text);
  };

  beforeAll(async () => {
    app = await startTestApp({ SNAPSHOT_EVERY: '2' });
    other = await startTestApp({ SNAPSHOT_EVERY: '2', COMMAND_CONFLICT_RETRIES: '0' }, app.stores, { role: 'api' });
  });

  afterAll(async () => {
    await other?.stopApp();
    await app?.close();
  });

  const deposit = (instance: TestApp, account: string, amount = '10.00') => instance.api.post('/api/v1/transactions/deposit').send({ account_id: account, amount });

  it('is for admins only', async () => {
    await app.api.get('/metrics').expect(403);
    await (await app.as('customer', '00000000-0000-4000-8000-000000000000')).get('/metrics').expect(403);
  });

  it('counts commands by outcome, concurrency retries and conflicts, cache and snapshot hits, and times aggregate loads', async () => {
    // The other instance creates the account and takes it past more events than a first read
    // holds (a shorter stream is read whole, with no snapshot), with a snapshot every two.
    const account = await openAccount(other.api, await registerPerson(other.api));
    const depositsThere = 33;
    for (let i = 0; i < depositsThere; i++) await deposit(other, account).expect(201);

    // First sight of the account here: read from the store, from its newest snapshot.
    await deposit(app, account).expect(201);
    // The other instance still holds revision 33 in its cache: its append conflicts, and with no retries allowed it answers 409.
    const conflict = await deposit(other, account).expect(409);
    expect(conflict.body.code).toBe('CONCURRENCY_CONFLICT');
    // It knows its copy is behind, catches it up and succeeds; now this instance's copy is stale: it retries once and succeeds.
    await deposit(other, account).expect(201);
    await deposit(app, account).expect(201);
    // From its cache, refused: more than the balance plus the overdraft limit.
    const refused = await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '5000.00' }).expect(422);
    expect(refused.body.code).toBe('INSUFFICIENT_FUNDS');

    const here = await scrape(app);
    expect(valueOf(here, 'openbank_commands_total', { command: 'DepositMoneyCommand', outcome: 'accepted' })).toBe(2);
    // One hop from the controller to the decision: the refusal is counted once, for the command that was asked.
    expect(valueOf(here, 'openbank_commands_total', { command: 'WithdrawMoneyCommand', outcome: 'refused', code: 'INSUFFICIENT_FUNDS' })).toBe(1);
    expect(valueOf(here, 'openbank_concurrency_retries_total', { aggregate_type: 'BankAccount' })).toBe(1);
    expect(valueOf(here, 'openbank_snapshot_lookups_total', { aggregate_type: 'BankAccount', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(here, 'openbank_aggregate_cache_lookups_total', { aggregate_type: 'BankAccount', result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(here, 'openbank_aggregate_cache_lookups_total', { aggregate_type: 'BankAccount', result: 'miss' })).toBeGreaterThanOrEqual(1);
    // The first load here starts from the newest snapshot; the retry's and the refusal's second look
    // start from the state this instance held.
    const loads = valueOf(here, 'openbank_aggregate_load_duration_seconds_count', { aggregate_type: 'BankAccount', snapshot: 'hit' });
    expect(loads).toBe(1);
    expect(valueOf(here, 'openbank_aggregate_load_duration_seconds_count', { aggregate_type: 'BankAccount', snapshot: 'miss' })).toBe(2);
    expect(valueOf(here, 'openbank_aggregate_load_duration_seconds_bucket', { aggregate_type: 'BankAccount', snapshot: 'hit', le: '+Inf' })).toBe(loads);
    expect(valueOf(here, 'openbank_aggregate_load_duration_seconds_sum', { aggregate_type: 'BankAccount', snapshot: 'hit' })).toBeGreaterThan(0);

    const there = await scrape(other);
    expect(valueOf(there, 'openbank_commands_total', { command: 'DepositMoneyCommand', outcome: 'conflict', code: 'CONCURRENCY_CONFLICT' })).toBe(1);
    expect(valueOf(there, 'openbank_commands_total', { command: 'DepositMoneyCommand', outcome: 'accepted' })).toBe(depositsThere + 1);
    expect(valueOf(there, 'openbank_commands_total', { command: 'OpenBankAccountCommand', outcome: 'accepted' })).toBe(1);
    expect(valueOf(there, 'openbank_concurrency_retries_total', { aggregate_type: 'BankAccount' })).toBe(0);
    expect(valueOf(there, 'openbank_command_duration_seconds_count', { command: 'DepositMoneyCommand', outcome: 'conflict' })).toBe(1);
  });

  it('times HTTP requests by method, route template and status', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.get(`/api/v1/accounts/${account}/history`).expect(200);
    await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '5000.00' }).expect(422);
    await app.api.get('/api/v1/no-such-route').expect(404);

    const samples = await scrape(app);
    const requests = (labels: Record<string, string>) => valueOf(samples, 'openbank_http_request_duration_seconds_count', labels);
    expect(requests({ method: 'GET', route: '/api/v1/accounts/:id/history', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'POST', route: '/api/v1/transactions/withdrawal', status_code: '422' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'POST', route: '/api/v1/persons', status_code: '201' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    // Ids never become labels: one series per route, not per account.
    expect(samples.filter((sample) => Object.values(sample.labels).some((value) => value.includes(account)))).toEqual([]);
  });

  it('reports for each subscription whether a projector consumes it, its lag in log positions and seconds, and its parked events', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.subscriptions.stop('projections');
    try {
      await deposit(app, account).expect(201);
      await deposit(app, account).expect(201);
      const samples = await scrape(app);
      const of = (name: string, subscription: string) => valueOf(samples, name, { subscription });
      expect(of('openbank_subscription_running', 'bank-account-details')).toBe(0);
      expect(of('openbank_subscription_consumers', 'bank-account-details')).toBe(0);
      expect(of('openbank_subscription_lag_position', 'bank-account-details')).toBeGreaterThan(0);
      expect(of('openbank_subscription_lag_seconds', 'bank-account-details')).toBeGreaterThanOrEqual(0);
      expect(samples.find((sample) => sample.name === 'openbank_subscription_lag_seconds' && sample.labels.subscription === 'bank-account-details')?.labels.kind).toBe('projection');
      expect(of('openbank_subscription_parked_events', 'bank-account-details')).toBe(0);
      expect(of('openbank_subscription_running', 'transfer-process')).toBe(1);
      const status = await app.subscriptions.status('bank-account-details');
      expect(status).toMatchObject({ running: false, caughtUp: false });
    } finally {
      await app.subscriptions.start('projections');
    }
    await eventually(async () => expect(valueOf(await scrape(app), 'openbank_subscription_lag_position', { subscription: 'bank-account-details' })).toBe(0));
    const names = new Set((await scrape(app)).filter((sample) => sample.name === 'openbank_subscription_lag_position').map((sample) => sample.labels.subscription));
    expect([...names].sort()).toEqual(app.subscriptions.names().sort());
  });

  it('includes the Node.js process metrics', async () => {
    const samples = await scrape(app);
    expect(valueOf(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });
});
