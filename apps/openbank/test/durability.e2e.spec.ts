import type request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { startEmbeddedMongo } from '@openbank/embedded-mongodb';
import type { TestStores } from '@openbank/testing';
import { openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp } from './test-app.js';

/** Embedded stores keeping their data in a directory, restartable on the same directory. */
async function storesIn(directory: string): Promise<TestStores> {
  const kurrentdb = await startEmbeddedKurrentDB({ port: 0, dataDir: join(directory, 'kurrentdb') });
  const mongodb = await startEmbeddedMongo({ port: 0, dataDir: join(directory, 'mongodb') });
  return {
    kurrentdb: kurrentdb.connectionString,
    mongodb: mongodb.uri,
    mongoDatabase: 'openbank',
    stop: async () => {
      await Promise.all([kurrentdb.stop(), mongodb.stop()]);
    },
  };
}

describe('data kept across restarts', () => {
  const directory = mkdtempSync(join(tmpdir(), 'openbank-restart-'));

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('shows the same person and account after the application and its stores restart', async () => {
    const first = await startTestApp({}, await storesIn(directory));
    let accountId: string;
    let personId: string;
    let deposit: request.Response;
    const keyedDeposit = (api: typeof first.api) =>
      api.post(`/api/v1/accounts/${accountId}/deposit`).set('Idempotency-Key', 'salary-2026-11').send({ amount: '100.00' });
    try {
      personId = await registerPerson(first.api);
      accountId = await openAccount(first.api, personId, { overdraft_limit: '500.00' });
      deposit = await keyedDeposit(first.api).expect(201);
      await readModel(first.api, `/api/v1/accounts/${accountId}`, 1);
    } finally {
      await first.close();
    }

    const second = await startTestApp({}, await storesIn(directory));
    try {
      expect((await second.api.get(`/api/v1/accounts/${accountId}`).expect(200)).body).toMatchObject({
        id: accountId,
        owner: 'Alice Smith',
        balance: '100.00',
        overdraft_limit: '500.00',
      });
      // The Idempotency-Key outlives the restart: the same request gets the same answer, once.
      expect((await keyedDeposit(second.api).expect(201)).body).toEqual(deposit.body);
      expect((await second.api.get(`/api/v1/persons/${personId}`).expect(200)).body).toMatchObject({ first_name: 'Alice' });
      // The write model is there too: the next command continues the stream.
      const changed = await second.api.put(`/api/v1/accounts/${accountId}/overdraft-limit`).send({ overdraft_limit: '100' }).expect(200);
      expect(changed.body).toMatchObject({ revision: 2, balance: '100.00' });
    } finally {
      await second.close();
    }
  });
});
