import { startListeningProcess, startProjectorProcess, type StartedProcess } from '@openbank/testing';
import { benchEnvironment, fundedAccounts } from '../support/api.js';
import { cpuMeter } from '../support/cpu.js';
import { load } from '../support/load.js';
import { depositRequest, startBank, transferRequest, type RunningBank } from '../support/openbank.js';
import type { Row } from '../support/report.js';
import { caughtUp } from '../support/subscriptions.js';

const burstSeconds = 10;
/** A backlog still there after this long is reported as such: the run goes on. */
const settleWithinMs = 180_000;

/** A burst at full speed, then the time until every projection, process and sink has caught up with it. */
async function burst(bank: RunningBank, label: string, connections: number, request: ReturnType<typeof depositRequest>, secondProjector?: StartedProcess): Promise<Row> {
  await caughtUp(bank.admin);
  const meter = cpuMeter({ projector: bank.projectorPid, kurrentdb: bank.kurrentdb.child.pid, mongodb: bank.mongodb.child.pid, ...(secondProjector && { second: secondProjector.child.pid }) });
  const result = await load({ url: bank.api.address, connections, seconds: burstSeconds, request });
  const settledMs = await caughtUp(bank.admin, undefined, settleWithinMs);
  const used = meter.perOperation(result.ok);
  return {
    burst: label,
    'answered/s': result.okPerSecond,
    failures: result.failures ? `${result.failures} (${result.failureKinds})` : 0,
    'settled after s': Number.isFinite(settledMs) ? settledMs / 1000 : `not within ${settleWithinMs / 1000}`,
    'projector CPU ms/op': used.projector + (used.second ?? 0),
    'KurrentDB CPU ms/op': used.kurrentdb,
    'MongoDB CPU ms/op': used.mongodb,
  };
}

/**
 * How long the read models need to settle after a 10 s burst: of deposits, of transfers made in
 * one atomic multi-stream append, and of transfers moved step by step by the transfer process (on
 * a store without the multi-stream append, as KurrentDB before 25.1), by one projector and then
 * by two: they split the transfer process's work by transfer, while their steps write to the same
 * accounts.
 */
export async function settleAfterBursts(connections: number): Promise<Row[]> {
  const rows: Row[] = [];
  const atomic = await startBank({ TRANSFER_WAIT_MS: '0' });
  try {
    const accounts = await fundedAccounts(atomic.teller, 100, { accountsPerPerson: 1 });
    rows.push(await burst(atomic, 'deposits', connections, depositRequest(atomic.tellerToken, accounts)));
    rows.push(await burst(atomic, 'transfers, atomic multi-stream append', connections, transferRequest(atomic.tellerToken, accounts)));
  } finally {
    await atomic.stop();
  }
  const olderStore = await startListeningProcess(['--max-old-space-size=8192', '--import', 'tsx', 'bench/peers/kurrentdb-without-multi-stream-append.ts']);
  const stepwise = await startBank({ TRANSFER_WAIT_MS: '0' }, olderStore);
  try {
    const accounts = await fundedAccounts(stepwise.teller, 100, { accountsPerPerson: 1 });
    rows.push(await burst(stepwise, 'transfers, step by step (transfer process)', connections, transferRequest(stepwise.tellerToken, accounts)));
    const second = await startProjectorProcess({ kurrentdb: stepwise.kurrentdb.address, mongodb: stepwise.mongodb.address }, benchEnvironment);
    try {
      rows.push(await burst(stepwise, 'transfers, step by step, two projector processes', connections, transferRequest(stepwise.tellerToken, accounts), second));
    } finally {
      await second.stop();
    }
  } finally {
    await stepwise.stop();
  }
  return rows;
}
