import { getModelToken } from '@nestjs/mongoose';
import { eventually, startTestStores } from '@openbank/testing';
import type { Model } from 'mongoose';
import { BankAccountDetails } from '../../../libs/contexts/accounts/src/read-models/bank-account-details/bank-account-details.schema.js';
import { expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

const verification = '/api/v1/admin/ledger/verification';

/**
 * On an event store without atomic appends to several streams, so that transfers move step by step
 * and can be caught on their way (the last spec checks a transfer moved at once).
 */
describe('the ledger check (GET /api/v1/admin/ledger/verification)', () => {
  let app: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    app = await startTestApp({ TRANSFER_WAIT_MS: '0' }, await startTestStores({ multiStreamAppend: false }));
    admin = await app.as('admin');
  });

  afterAll(async () => {
    await app?.close();
  });

  async function funded(amount: string): Promise<string> {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount }).expect(201);
    return account;
  }

  const settled = (id: string) =>
    eventually(async () => {
      const response = await app.api.get(`/api/v1/transactions/transfers/${id}`).expect(200);
      expect(['COMPLETED', 'FAILED']).toContain(response.body.status);
    }, 20_000);

  it('recomputes every balance from the event store, finds the read model in agreement and money conserved', async () => {
    const alice = await funded('100.00');
    const bob = await funded('40.00');
    await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: alice, amount: '15.50' }).expect(201);
    await app.api.post('/api/v1/transactions/interest').send({ account_id: bob, amount: '0.75', from: '2026-01-01', to: '2026-02-01' }).expect(201);
    const transfer = await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: alice, to_account_id: bob, amount: '20.00' });
    await settled(transfer.body.id);

    const report = (await admin.get(verification).expect(200)).body;

    expect(report).toMatchObject({ ok: true, difference_count: 0, differences: [], read_models_caught_up: true, transfers: { in_flight: 0 } });
    expect(report.accounts.checked).toBeGreaterThanOrEqual(2);
    expect(report.accounts.matching).toBe(report.accounts.checked);
    expect(report.transfers.completed).toBeGreaterThanOrEqual(1);
    const eur = report.totals.find((total: { currency: string }) => total.currency === 'EUR');
    expect(eur).toMatchObject({ conserved: true, in_flight: '0.00' });
    expect(eur.read_model_balance_sum).toBe(eur.expected_balance_sum);
    expect(Number(report.position)).toBeGreaterThan(0);
  });

  it('names the account whose read model was corrupted, until the projection is rebuilt', async () => {
    const account = await funded('12.00');
    await readModel(app.api, `/api/v1/accounts/${account}`, 1);
    const documents = app.app.get<Model<BankAccountDetails>>(getModelToken(BankAccountDetails.name));
    await documents.updateOne({ _id: account }, { $set: { balance_minor: 999_999 } }).exec();

    const report = (await admin.get(verification).expect(200)).body;

    expect(report.ok).toBe(false);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'BALANCE_MISMATCH', account_id: account, expected: '12.00', actual: '9999.99' }),
        expect.objectContaining({ kind: 'CONSERVATION_VIOLATED', currency: 'EUR' }),
      ]),
    );

    await admin.post('/api/v1/admin/subscriptions/bank-account-details/rebuild').expect(202);
    await eventually(async () => expect((await admin.get(verification).expect(200)).body).toMatchObject({ ok: true }), 20_000);
  });

  it('waits for a transfer on its way to settle rather than report it', async () => {
    const from = await funded('50.00');
    const to = await openAccount(app.api, await registerPerson(app.api));
    await app.subscriptions.stop('transfer-process');
    const transfer = await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount: '5.00' }).expect(202);

    const checking = admin.get(`${verification}?settle_seconds=30`);
    const restart = new Promise((resolve) => setTimeout(resolve, 300)).then(() => app.subscriptions.start('transfer-process'));
    const [report] = await Promise.all([checking, restart]);

    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: true, transfers: { in_flight: 0 } });
    await settled(transfer.body.id);
  });

  it('reports a transfer that does not settle in time', async () => {
    const from = await funded('50.00');
    const to = await openAccount(app.api, await registerPerson(app.api));
    await app.subscriptions.stop('transfer-process');
    const transfer = await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount: '7.00' }).expect(202);
    try {
      const report = (await admin.get(`${verification}?settle_seconds=1`).expect(200)).body;

      expect(report.ok).toBe(false);
      expect(report.differences).toEqual([expect.objectContaining({ kind: 'TRANSFER_NOT_SETTLED', transfer_id: transfer.body.id, detail: expect.stringContaining('neither completed nor failed') })]);
    } finally {
      await app.subscriptions.start('transfer-process');
    }
    await settled(transfer.body.id);
  });

  it('refuses limits out of range', async () => {
    expectProblem(await admin.get(`${verification}?settle_seconds=-1`), 400, 'INVALID_REQUEST');
    expectProblem(await admin.get(`${verification}?catch_up_seconds=many`), 400, 'INVALID_REQUEST');
  });

  it('finds a transfer moved at once (one atomic append) exactly as one moved step by step', async () => {
    const atOnce = await startTestApp();
    try {
      const [from, to] = [await openAccount(atOnce.api, await registerPerson(atOnce.api)), await openAccount(atOnce.api, await registerPerson(atOnce.api))];
      await atOnce.api.post(`/api/v1/accounts/${from}/deposit`).send({ amount: '30.00' }).expect(201);
      const transfer = await atOnce.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount: '12.00' }).expect(201);
      expect(transfer.body.status).toBe('COMPLETED');
      const report = (await (await atOnce.as('admin')).get(verification).expect(200)).body;
      expect(report).toMatchObject({ ok: true, transfers: { completed: 1, in_flight: 0 } });
      expect(report.totals).toEqual([expect.objectContaining({ currency: 'EUR', conserved: true })]);
    } finally {
      await atOnce.close();
    }
  });
});
