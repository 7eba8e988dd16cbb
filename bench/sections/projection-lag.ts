import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, type Collection } from 'mongodb';
import { fundedAccounts, type ApiClient } from '../support/api.js';
import { load } from '../support/load.js';
import { depositRequest, startBank } from '../support/openbank.js';
import type { Row } from '../support/report.js';
import { summarize } from '../support/statistics.js';
import { caughtUp } from '../support/subscriptions.js';

/**
 * One probe: a deposit, then the time until the account read model shows its revision, polled
 * straight from MongoDB (the API's own read would add its latency to the figure).
 */
async function probe(api: ApiClient, accounts: Collection, account: string): Promise<number> {
  const deposit = await api.post<{ account_revision: number }>(`/api/v1/accounts/${account}/deposit`, { amount: '1.00', description: 'Probe' });
  const answered = performance.now();
  // A probe gives up after 60 s (and counts as 60 s): a stuck read model shows in the figures, not as a hang.
  while (performance.now() - answered < 60_000) {
    if (await accounts.findOne({ _id: account as never, last_revision: { $gte: deposit.account_revision } }, { projection: { _id: 1 } })) break;
    await sleep(0.2);
  }
  return performance.now() - answered;
}

/**
 * Projection lag, command answered → visible in the read model: with nothing else going on, and
 * under sustained deposit load at half the maximum rate (measured by the deposits section of the
 * same run, or here in a short burst when that section was not run).
 */
export async function projectionLag(maximumDepositsPerSecond: number | undefined, connections: number, seconds: number): Promise<Row[]> {
  const probers = 10;
  const bank = await startBank();
  const mongo = await MongoClient.connect(bank.mongodb.address);
  try {
    const [probed, ...others] = await fundedAccounts(bank.teller, 50 + probers);
    const [busyProbed, loaded] = [others.slice(0, probers), others.slice(probers)];
    const accounts = mongo.db('openbank').collection('bank_accounts');
    await caughtUp(bank.admin);

    const quiet: number[] = [];
    for (let index = 0; index < 200; index++) quiet.push(await probe(bank.teller, accounts, probed));

    let maximum = maximumDepositsPerSecond;
    if (!maximum) {
      maximum = (await load({ url: bank.api.address, connections, seconds: 5, request: depositRequest(bank.tellerToken, loaded) })).okPerSecond;
      await caughtUp(bank.admin);
    }
    const rate = Math.max(1, Math.round(maximum / 2));
    const pressure = load({ url: bank.api.address, connections, seconds, rate, request: depositRequest(bank.tellerToken, loaded) });
    // Under load one probe waits behind the queued deposits; probes on several accounts at once
    // gather enough samples for a p99 in a run of ordinary length.
    const busy: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      busyProbed.map(async (account) => {
        while (performance.now() < end - 500) {
          busy.push(await probe(bank.teller, accounts, account));
          await sleep(20);
        }
      }),
    );
    const sustained = await pressure;

    const row = (label: string, lags: number[]): Row => {
      const summary = summarize(lags);
      return { load: label, 'p50 ms': summary.p50, 'p99 ms': summary.p99, 'max ms': summary.max, samples: summary.samples };
    };
    return [row('none (one command at a time)', quiet), row(`${Math.round(sustained.okPerSecond)} deposits/s (half of the maximum, ${Math.round(maximum)}/s)`, busy)];
  } finally {
    await mongo.close();
    await bank.stop();
  }
}
