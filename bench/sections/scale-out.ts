import { startApplicationProcess, startKurrentDBProcess, startMongoProcess, startProjectorProcess } from '@openbank/testing';
import { apiClient, benchEnvironment, fundedAccounts, tokenFor } from '../support/api.js';
import { cpuMeter } from '../support/cpu.js';
import { load } from '../support/load.js';
import { depositRequest } from '../support/openbank.js';
import type { Row } from '../support/report.js';
import { caughtUp } from '../support/subscriptions.js';

interface LedgerReport {
  ok: boolean;
  difference_count: number;
  accounts: { checked: number };
}

/** How many commands an API decided again after another writer moved their stream on (its own count, from /metrics). */
async function conflictsRetried(address: string, adminToken: string): Promise<number> {
  const metrics = await (await fetch(`${address}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('openbank_concurrency_retries_total'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/**
 * Two API processes and two projector processes on the same stores, deposits spread over both
 * APIs (half the connections each); then the ledger verified from the event store. Quoted against
 * one API with its projector (the deposits section of the same run), when that section ran.
 */
export async function scaleOut(connections: number, seconds: number, onePairPerSecond: number | undefined): Promise<Row[]> {
  const [kurrentdb, mongodb] = await Promise.all([startKurrentDBProcess(), startMongoProcess()]);
  const stores = { kurrentdb: kurrentdb.address, mongodb: mongodb.address };
  const apiEnvironment = { ...benchEnvironment, START_PROJECTOR: 'false', TRANSFER_WAIT_MS: '0' };
  const apis = await Promise.all([startApplicationProcess(stores, apiEnvironment), startApplicationProcess(stores, apiEnvironment)]);
  const projectors = await Promise.all([startProjectorProcess(stores, benchEnvironment), startProjectorProcess(stores, benchEnvironment)]);
  try {
    const token = await tokenFor('teller');
    const adminToken = await tokenFor('admin');
    const admin = apiClient(apis[0].address, adminToken);
    const accounts = await fundedAccounts(apiClient(apis[0].address, token), 100);
    await caughtUp(admin);
    const meter = cpuMeter({ api1: apis[0].child.pid, api2: apis[1].child.pid, projector1: projectors[0].child.pid, projector2: projectors[1].child.pid, kurrentdb: kurrentdb.child.pid, mongodb: mongodb.child.pid });
    const results = await Promise.all(apis.map((api) => load({ url: api.address, connections: Math.ceil(connections / 2), seconds, request: depositRequest(token, accounts) })));
    const deposits = results.reduce((sum, result) => sum + result.ok, 0);
    const duringLoad = meter.perOperation(deposits);
    const settledMs = await caughtUp(admin);
    const untilSettled = meter.perOperation(deposits);
    const ledger = await admin.get<LedgerReport>('/api/v1/admin/ledger/verification');
    const retried = (await Promise.all(apis.map((api) => conflictsRetried(api.address, adminToken)))).reduce((sum, count) => sum + count, 0);

    const perSecond = results.reduce((sum, result) => sum + result.okPerSecond, 0);
    return [
      {
        setup: '2 API + 2 projector processes, same stores',
        'deposits/s': perSecond,
        'vs 1 API + 1 projector': onePairPerSecond ? `${(perSecond / onePairPerSecond).toFixed(2)}×` : '',
        'p50 ms (worse API)': Math.max(...results.map((result) => result.p50)),
        'p99 ms (worse API)': Math.max(...results.map((result) => result.p99)),
        failures: results.map((result) => result.failureKinds).filter(Boolean).join(' ') || 0,
        'decided again after a conflict': retried,
        'API CPU ms/deposit': duringLoad.api1 + duringLoad.api2,
        'projector CPU ms/deposit': untilSettled.projector1 + untilSettled.projector2,
        'KurrentDB CPU ms/deposit': untilSettled.kurrentdb,
        'MongoDB CPU ms/deposit': untilSettled.mongodb,
        'settled after s': settledMs / 1000,
        ledger: ledger.ok ? `${ledger.accounts.checked} accounts verified, no difference` : `${ledger.difference_count} differences`,
      },
    ];
  } finally {
    await Promise.all([...apis, ...projectors].map((process) => process.stop()));
    await Promise.all([kurrentdb.stop(), mongodb.stop()]);
  }
}
