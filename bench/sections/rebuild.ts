import { startKurrentDBProcess } from '@openbank/testing';
import { loadAccountHistories } from '../support/bank-events.js';
import { cpuMeter } from '../support/cpu.js';
import { startBank } from '../support/openbank.js';
import type { Row } from '../support/report.js';
import { rawReadAll, rawSubscription } from '../support/raw-reads.js';
import { caughtUp, rebuilt } from '../support/subscriptions.js';

const eventsPerAccount = 100;

/**
 * Read-model rebuild speed next to what the store delivers to any client in the same run: $all
 * read straight through, and a raw catch-up subscription. The store holds account histories
 * written straight into KurrentDB; the bank starts on it and catches up first (all projections at
 * once), then each named read model is rebuilt alone, as `openbank projections rebuild` does.
 */
export async function rebuildSpeed(events: number, readModels: string[]): Promise<Row[]> {
  const kurrentdb = await startKurrentDBProcess();
  await loadAccountHistories(kurrentdb.address, Math.ceil(events / eventsPerAccount), eventsPerAccount);
  const started = performance.now();
  const bank = await startBank({}, kurrentdb);
  try {
    await caughtUp(bank.admin, undefined, 900_000);
    // Counted from the application's start: its start-up (a few seconds) is in the figure.
    const catchUpSeconds = (performance.now() - started) / 1000;
    const stored = await rawReadAll(kurrentdb.address);
    const rows: Row[] = [
      { reader: 'raw client, reading $all', events: stored.events, 'events/s': stored.perSecond, 'vs raw subscription': '', 'projector CPU ms/event': '' },
      { reader: 'raw client, catch-up subscription to $all', events: stored.events, 'events/s': await rawSubscription(kurrentdb.address, stored.events), 'vs raw subscription': 'baseline', 'projector CPU ms/event': '' },
    ];
    const subscriptionRate = rows[1]['events/s'] as number;
    const ratio = (perSecond: number) => `${((perSecond / subscriptionRate) * 100).toFixed(0)} %`;
    const catchUpRate = stored.events / catchUpSeconds;
    rows.push({ reader: 'first catch-up of every projection at once, from start-up', events: stored.events, 'events/s': catchUpRate, 'vs raw subscription': ratio(catchUpRate), 'projector CPU ms/event': '' });
    for (const name of readModels) {
      const meter = cpuMeter({ projector: bank.projectorPid });
      const rebuild = await rebuilt(bank.admin, name);
      const seconds = (Date.parse(rebuild.finished_at!) - Date.parse(rebuild.started_at!)) / 1000;
      const perSecond = rebuild.events / seconds;
      rows.push({ reader: `rebuild of ${name}`, events: rebuild.events, 'events/s': perSecond, 'vs raw subscription': ratio(perSecond), 'projector CPU ms/event': meter.used().projector / Math.max(1, rebuild.events) });
    }
    return rows;
  } finally {
    await bank.stop();
  }
}
