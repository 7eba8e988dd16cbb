import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { TemporaryFailure } from '@openbank/projections';
import { eventually, startTestStores, type TestStores } from '@openbank/testing';
import { openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

interface Entry {
  type: string;
  direction: string;
  amount: string;
  transfer_id?: string;
}

/**
 * On an event store that cannot append to several streams at once (KurrentDB before 25.1, served
 * here by the embedded one), a transfer moves step by step, driven by the transfer process.
 */
describe('the transfer process survives crashes', () => {
  let stores: TestStores;
  let app: TestApp;

  beforeAll(async () => {
    stores = await startTestStores({ multiStreamAppend: false });
    app = await startTestApp({ TRANSFER_WAIT_MS: '0' }, stores);
  });

  afterAll(async () => {
    await app?.stopApp();
    await stores?.stop();
  });

  async function funded(amount: string): Promise<string> {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount }).expect(201);
    return account;
  }

  const transfer = (from: string, to: string, amount: string) =>
    app.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount }).expect((response) => {
      expect([201, 202]).toContain(response.status);
    });

  const settled = (id: string) =>
    eventually(async () => {
      const response = await app.api.get(`/api/v1/transactions/transfers/${id}`).expect(200);
      expect(['COMPLETED', 'FAILED']).toContain(response.body.status);
      return response.body;
    }, 20_000);

  const transfersOn = async (account: string, transferId: string): Promise<Entry[]> =>
    eventually(async () => {
      const response = await app.api.get(`/api/v1/accounts/${account}/transactions?type=TRANSFER`).expect(200);
      return (response.body.items as Entry[]).filter((entry) => entry.transfer_id === transferId);
    });

  it('a crash between debiting the source and recording it: the step is retried, and the source is debited once', async () => {
    const from = await funded('100.00');
    const to = await openAccount(app.api, await registerPerson(app.api));
    const runner = app.app.get(AggregateCommandRunner);
    const execute = runner.execute.bind(runner);
    let transferWrites = 0;
    let crashes = 0;
    // Writes to the transfer: 1st the initiation, 2nd "source debited". The process dies right
    // before that 2nd write, after it has debited the source. Its event was not acknowledged, so it
    // comes again, as after a crash: a failure the read side retries, not one it parks.
    runner.execute = ((definition, id, context, decide) => {
      if (definition.type === 'Transfer' && ++transferWrites === 2) {
        crashes++;
        return Promise.reject(new TemporaryFailure('the process died here'));
      }
      return execute(definition, id, context, decide);
    }) as typeof runner.execute;
    try {
      const started = await transfer(from, to, '40.00');
      expect(await settled(started.body.id)).toMatchObject({ status: 'COMPLETED' });
      expect(crashes).toBe(1);
      expect(await transfersOn(from, started.body.id)).toEqual([expect.objectContaining({ direction: 'OUT', amount: '40.00' })]);
      expect(await readModel(app.api, `/api/v1/accounts/${from}`, 2)).toMatchObject({ balance: '60.00' });
      expect(await readModel(app.api, `/api/v1/accounts/${to}`, 1)).toMatchObject({ balance: '40.00' });
    } finally {
      runner.execute = execute;
    }
  });

  it('the application stops with a transfer half way: on restart it completes without a human', async () => {
    const from = await funded('100.00');
    const to = await openAccount(app.api, await registerPerson(app.api));
    await app.subscriptions.stop('transfer-process');
    const started = await transfer(from, to, '25.00').expect(202);
    expect(started.body.status).toBe('INITIATED');

    await app.stopApp();
    app = await startTestApp({ TRANSFER_WAIT_MS: '0' }, stores);

    expect(await settled(started.body.id)).toMatchObject({ status: 'COMPLETED' });
    expect(await readModel(app.api, `/api/v1/accounts/${from}`, 2)).toMatchObject({ balance: '75.00' });
    expect(await readModel(app.api, `/api/v1/accounts/${to}`, 1)).toMatchObject({ balance: '25.00' });
  });

  it('a target closed before its credit: the source gets its money back and the transfer fails, compensated', async () => {
    const from = await funded('100.00');
    const to = await openAccount(app.api, await registerPerson(app.api));
    await app.subscriptions.stop('transfer-process');
    const started = await transfer(from, to, '30.00').expect(202);
    await app.api.post(`/api/v1/accounts/${to}/close`).send({ reason: 'closed while the transfer waited' }).expect(200);
    await app.subscriptions.start('transfer-process');

    const failed = await settled(started.body.id);
    expect(failed).toMatchObject({ status: 'FAILED', failure: { code: 'BANK_ACCOUNT_CLOSED', compensated: true } });
    expect(failed.steps.map((step: { step: string }) => step.step)).toEqual(['INITIATED', 'SOURCE_DEBITED', 'CREDIT_REFUSED', 'DEBIT_REVERSED', 'FAILED']);
    const legs = await eventually(async () => {
      const entries = await transfersOn(from, started.body.id);
      expect(entries).toHaveLength(2);
      return entries;
    });
    expect(legs.map((entry) => `${entry.direction} ${entry.amount}`).sort()).toEqual(['IN 30.00', 'OUT 30.00']);
    expect(await readModel(app.api, `/api/v1/accounts/${from}`, 3)).toMatchObject({ balance: '100.00' });
    expect(await readModel(app.api, `/api/v1/accounts/${to}`, 1)).toMatchObject({ balance: '0.00', status: 'CLOSED' });
  });
});
