import { startApplicationProcess, startKurrentDBProcess, startMongoProcess, startProjectorProcess } from '@openbank/testing';
import { apiClient, benchEnvironment, tokenFor } from '../support/api.js';
import { loadAccountHistories } from '../support/bank-events.js';
import { cpuMeter } from '../support/cpu.js';
import type { Row } from '../support/report.js';
import { rawReadAll, rawSubscription } from '../support/raw-reads.js';
import { caughtUp, rebuilt } from '../support/subscriptions.js';

const eventsPerAccount = 100;

/**
 * Read-model rebuild speed next to what the store delivers to any client in the same run: $all
 * read straight through, and a raw catch-up subscription. The store holds account histories
 * written straight into KurrentDB. A projector then starts on it and catches up (every projection
 * at once, timed from the moment it is up); then each named read model is rebuilt alone, as
 * `openbank projections rebuild` does.
 */
export async function rebuildSpeed(events: number, readModels: string[]): Promise<Row[]> {
  const [kurrentdb, mongodb] = await Promise.all([startKurrentDBProcess(), startMongoProcess()]);
  const stores = { kurrentdb: kurrentdb.address, mongodb: mongodb.address };
  const api = await startApplicationProcess(stores, { ...benchEnvironment, START_PROJECTOR: 'false' });
  try {
    await loadAccountHistories(kurrentdb.address, Math.ceil(events / eventsPerAccount), eventsPerAccount);
    const stored = await rawReadAll(kurrentdb.address);
    const subscriptionRate = await rawSubscription(kurrentdb.address, stored.events);
    const ratio = (perSecond: number) => `${((perSecond / subscriptionRate) * 100).toFixed(0)} %`;
    const rows: Row[] = [
      { reader: 'raw client, reading $all', events: stored.events, 'events/s': stored.perSecond, 'vs raw subscription': ratio(stored.perSecond), 'projector CPU ms/event': '' },
      { reader: 'raw client, catch-up subscription to $all', events: stored.events, 'events/s': subscriptionRate, 'vs raw subscription': 'baseline', 'projector CPU ms/event': '' },
    ];

    const admin = apiClient(api.address, await tokenFor('admin'));
    const projector = await startProjectorProcess(stores, benchEnvironment);
    try {
      const catchUp = cpuMeter({ projector: projector.child.pid });
      const catchUpRate = stored.events / ((await caughtUp(admin, undefined, 900_000)) / 1000);
      rows.push({ reader: 'projector catching up, every projection at once', events: stored.events, 'events/s': catchUpRate, 'vs raw subscription': ratio(catchUpRate), 'projector CPU ms/event': catchUp.used().projector / stored.events });
      for (const name of readModels) {
        const meter = cpuMeter({ projector: projector.child.pid });
        const rebuild = await rebuilt(admin, name);
        const perSecond = rebuild.events / ((Date.parse(rebuild.finished_at!) - Date.parse(rebuild.started_at!)) / 1000);
        rows.push({ reader: `rebuild of ${name}`, events: rebuild.events, 'events/s': perSecond, 'vs raw subscription': ratio(perSecond), 'projector CPU ms/event': meter.used().projector / Math.max(1, rebuild.events) });
      }
    } finally {
      await projector.stop();
    }
    return rows;
  } finally {
    await api.stop();
    await Promise.all([kurrentdb.stop(), mongodb.stop()]);
  }
}
