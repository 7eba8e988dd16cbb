import { fundedAccounts } from '../support/api.js';
import { cpuMeter } from '../support/cpu.js';
import { load } from '../support/load.js';
import { depositRequest, startBank } from '../support/openbank.js';
import { caughtUp } from '../support/subscriptions.js';
import type { Measured } from './baselines.js';

/**
 * OpenBank deposits through the built API with its projector (as `npm start` runs them), without
 * and with an Idempotency-Key. The API's CPU is metered over the load; the projector's until the
 * read models have caught up with it, since that is when its work for those deposits is done; so
 * are the stores', which share the machine's cores with the application.
 */
export async function measureDeposits(connections: number, seconds: number): Promise<Measured[]> {
  const bank = await startBank({ TRANSFER_WAIT_MS: '0' });
  try {
    const accounts = await fundedAccounts(bank.teller, 100);
    const measured: Measured[] = [];
    for (const idempotent of [false, true]) {
      await caughtUp(bank.admin);
      const meter = cpuMeter({ api: bank.api.child.pid, projector: bank.projectorPid, kurrentdb: bank.kurrentdb.child.pid, mongodb: bank.mongodb.child.pid });
      const result = await load({ url: bank.api.address, connections, seconds, request: depositRequest(bank.tellerToken, accounts, idempotent) });
      const { api } = meter.perOperation(result.ok);
      const settledMs = await caughtUp(bank.admin);
      measured.push({
        name: idempotent ? 'OpenBank deposit with Idempotency-Key' : 'OpenBank deposit',
        ...result,
        cpuPerOperation: { ...meter.perOperation(result.ok), api },
        settledAfterMs: settledMs,
      });
    }
    return measured;
  } finally {
    await bank.stop();
  }
}
