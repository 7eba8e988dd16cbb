import { apiClient, benchEnvironment, fundedAccounts, tokenFor, type ApiClient } from '../support/api.js';
import { startApplicationProcess, startKurrentDBProcess, startMongoProcess } from '@openbank/testing';
import { loadAccountHistories } from '../support/bank-events.js';
import { residentMiB } from '../support/memory.js';
import type { Row } from '../support/report.js';
import { summarize } from '../support/statistics.js';
import { caughtUp, rebuilt } from '../support/subscriptions.js';

export interface GrowthFigures {
  readonly latency: Row[];
  readonly rebuild: Row[];
  readonly memory: Row[];
}

const eventsPerAccount = 100;

/**
 * Grows the store from 10k to 1M events (account histories written straight into KurrentDB) and
 * measures, at each size, the latency of a deposit through the API (it should not grow with the
 * store); at the largest size, the rebuild speed of two read models and the memory of each process.
 */
export async function storeGrowth(sizes: number[]): Promise<GrowthFigures> {
  const [kurrentdb, mongodb] = await Promise.all([startKurrentDBProcess(), startMongoProcess()]);
  const app = await startApplicationProcess({ kurrentdb: kurrentdb.address, mongodb: mongodb.address }, benchEnvironment);
  try {
    const teller = apiClient(app.address, await tokenFor('teller'));
    const admin = apiClient(app.address, await tokenFor('admin'));
    const probes = await fundedAccounts(teller, 5);
    let stored = 0;
    const latency: Row[] = [];
    for (const size of sizes) {
      const accounts = Math.ceil((size - stored) / eventsPerAccount);
      const loading = performance.now();
      await loadAccountHistories(kurrentdb.address, accounts, eventsPerAccount);
      stored += accounts * eventsPerAccount;
      const loadSeconds = (performance.now() - loading) / 1000;
      const catchUpSeconds = (await caughtUp(admin)) / 1000;
      const durations: number[] = [];
      for (let index = 0; index < 300; index++) {
        const started = performance.now();
        await teller.post(`/api/v1/accounts/${probes[index % probes.length]}/deposit`, { amount: '1.00' });
        durations.push(performance.now() - started);
      }
      const summary = summarize(durations);
      latency.push({
        'events in store': stored,
        'deposit p50 ms': summary.p50,
        'deposit p99 ms': summary.p99,
        'bulk load events/s': (accounts * eventsPerAccount) / loadSeconds,
        'projections caught up in s': catchUpSeconds,
      });
    }

    const rebuild: Row[] = [];
    for (const name of ['bank-account-details', 'account-transactions']) {
      const done = await rebuilt(admin, name);
      const seconds = (Date.parse(done.finished_at!) - Date.parse(done.started_at!)) / 1000;
      const processed = done.events;
      rebuild.push({ 'read model': name, 'events in store': stored, 'events processed': processed, seconds, 'events/s': processed / seconds });
    }

    const memory: Row[] = [
      { process: 'application', 'RSS MiB': residentMiB(app.child.pid), 'events in store': stored },
      { process: 'embedded KurrentDB', 'RSS MiB': residentMiB(kurrentdb.child.pid), 'events in store': stored },
      { process: 'embedded MongoDB', 'RSS MiB': residentMiB(mongodb.child.pid), 'events in store': stored },
    ];
    return { latency, rebuild, memory };
  } finally {
    await app.stop();
    await Promise.all([kurrentdb.stop(), mongodb.stop()]);
  }
}
