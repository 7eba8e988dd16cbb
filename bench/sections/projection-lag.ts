import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { apiClient, benchEnvironment, fundedAccounts, tellerToken, type ApiClient } from '../support/api.js';
import { startApplicationProcess, startKurrentDBProcess, startMongoProcess } from '@openbank/testing';
import { load } from '../support/load.js';
import type { Row } from '../support/report.js';
import { summarize } from '../support/statistics.js';

type Accounts = ReturnType<MongoClient['db']>['collection'];

/**
 * One probe: a deposit, then the time until the account read model shows its revision, polled
 * straight from MongoDB (the API's own read would add its latency to the figure).
 */
async function probe(api: ApiClient, accounts: ReturnType<Accounts>, account: string): Promise<number> {
  const deposit = await api.post<{ account_revision: number }>(`/api/v1/accounts/${account}/deposit`, { amount: '1.00', description: 'Probe' });
  const answered = performance.now();
  while (!(await accounts.findOne({ _id: account as never, last_revision: { $gte: deposit.account_revision } }, { projection: { _id: 1 } }))) await sleep(0.2);
  return performance.now() - answered;
}

/**
 * Projection lag, command answered → visible in the read model: with nothing else going on, and
 * under sustained deposit load at half the throughput measured in the HTTP section.
 */
export async function projectionLag(depositsPerSecond: number, connections: number, seconds: number): Promise<Row[]> {
  const probers = 10;
  const sustainedSeconds = seconds * 3;
  const [kurrentdb, mongodb] = await Promise.all([startKurrentDBProcess(), startMongoProcess()]);
  const app = await startApplicationProcess({ kurrentdb: kurrentdb.address, mongodb: mongodb.address }, benchEnvironment);
  const mongo = await MongoClient.connect(mongodb.address);
  try {
    const token = await tellerToken();
    const api = apiClient(app.address, token);
    const [probed, ...others] = await fundedAccounts(api, 50 + probers);
    const [busyProbed, loaded] = [others.slice(0, probers), others.slice(probers)];
    const accounts = mongo.db('openbank').collection('bank_accounts');

    const quiet: number[] = [];
    for (let index = 0; index < 200; index++) quiet.push(await probe(api, accounts, probed));

    const rate = Math.max(1, Math.round(depositsPerSecond / 2));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const pressure = load({
      url: app.address,
      connections,
      seconds: sustainedSeconds,
      rate,
      request: () => ({ method: 'POST', path: `/api/v1/accounts/${loaded[Math.floor(Math.random() * loaded.length)]}/deposit`, headers, body: '{"amount":"1.00"}' }),
    });
    // Under load one probe waits behind the queued deposits; probes on several accounts at once
    // gather enough samples for a p99 in a run of ordinary length.
    const busy: number[] = [];
    const end = performance.now() + sustainedSeconds * 1000;
    await Promise.all(
      busyProbed.map(async (account) => {
        while (performance.now() < end - 500) {
          busy.push(await probe(api, accounts, account));
          await sleep(20);
        }
      }),
    );
    const sustained = await pressure;

    const row = (label: string, lags: number[]): Row => {
      const summary = summarize(lags);
      return { load: label, 'p50 ms': summary.p50, 'p99 ms': summary.p99, 'max ms': summary.max, samples: summary.samples };
    };
    return [row('none (one command at a time)', quiet), row(`${Math.round(sustained.requestsPerSecond)} deposits/s (half of the maximum)`, busy)];
  } finally {
    await mongo.close();
    await app.stop();
    await Promise.all([kurrentdb.stop(), mongodb.stop()]);
  }
}
