import { apiClient, benchEnvironment, fundedAccounts, tellerToken, tokenFor } from '../support/api.js';
import { startApplicationProcess, startKurrentDBProcess, startListeningProcess, startMongoProcess } from '@openbank/testing';
import { load, type LoadResult } from '../support/load.js';
import type { Row } from '../support/report.js';
import { rawAppends } from '../support/raw-appends.js';
import { caughtUp } from '../support/subscriptions.js';

export interface HttpFigures {
  readonly rows: Row[];
  /** Deposits per second at full speed: the sustained-load section runs at half of it. */
  readonly depositsPerSecond: number;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

/**
 * Command and read throughput through the whole application (HTTP → command → KurrentDB) next to
 * the two figures that bound it: a bare Nest-Fastify endpoint, and the raw client append rate on
 * the same store. Application, stores and load generator each run in their own process.
 */
export async function httpCommands(connections: number, seconds: number): Promise<HttpFigures> {
  const [kurrentdb, mongodb, bare] = await Promise.all([
    startKurrentDBProcess(),
    startMongoProcess(),
    startListeningProcess(['--import', 'tsx', 'bench/support/bare-app.ts']),
  ]);
  const app = await startApplicationProcess({ kurrentdb: kurrentdb.address, mongodb: mongodb.address }, { ...benchEnvironment, TRANSFER_WAIT_MS: '0' });
  try {
    const token = await tellerToken();
    const admin = apiClient(app.address, await tokenFor('admin'));
    const accounts = await fundedAccounts(apiClient(app.address, token), 100);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Each run starts on a settled application and is followed by the time its projections and
    // processes took to absorb what it wrote: otherwise a run would measure the previous one's backlog.
    const settling = new Map<LoadResult, number>();
    const run = async (request: () => { method: 'GET' | 'POST'; path: string; body?: string }) => {
      await caughtUp(admin);
      const result = await load({ url: app.address, connections, seconds, request: () => ({ ...request(), headers }) });
      settling.set(result, (await caughtUp(admin)) / 1000);
      return result;
    };

    const bareWrite = await load({ url: bare.address, connections, seconds, request: () => ({ method: 'POST', path: '/bare', headers, body: '{"amount":"1.00"}' }) });
    const bareRead = await load({ url: bare.address, connections, seconds, request: () => ({ method: 'GET', path: '/bare' }) });
    const appends = await rawAppends(kurrentdb.address, connections, seconds);
    const deposits = await run(() => ({ method: 'POST', path: `/api/v1/accounts/${pick(accounts)}/deposit`, body: '{"amount":"1.00","description":"Bench"}' }));
    const withdrawals = await run(() => ({ method: 'POST', path: '/api/v1/transactions/withdrawal', body: JSON.stringify({ account_id: pick(accounts), amount: '1.00' }) }));
    const transfers = await run(() => {
      const from = pick(accounts);
      const to = pick(accounts.filter((account) => account !== from));
      return { method: 'POST', path: '/api/v1/transactions/transfer', body: JSON.stringify({ from_account_id: from, to_account_id: to, amount: '1.00' }) };
    });
    const reads = await run(() => ({ method: 'GET', path: `/api/v1/accounts/${pick(accounts)}` }));

    const row = (name: string, result: LoadResult, baseline?: LoadResult): Row => ({
      operation: name,
      'req/s': result.requestsPerSecond,
      'p50 ms': result.p50,
      'p99 ms': result.p99,
      failures: result.failures,
      'settled after s': settling.get(result) ?? '',
      'vs baseline': baseline ? `${((result.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(0)} % of ${baseline === bareRead ? 'bare GET' : baseline === bareWrite ? 'bare POST' : 'raw append'}` : 'baseline',
    });
    return {
      depositsPerSecond: deposits.requestsPerSecond,
      rows: [
        row('bare Nest-Fastify POST', bareWrite),
        row('bare Nest-Fastify GET', bareRead),
        row('raw client append (1 event)', appends),
        row('deposit', deposits, bareWrite),
        row('deposit', deposits, appends),
        row('withdrawal', withdrawals, bareWrite),
        row('transfer (accepted, settles async)', transfers, bareWrite),
        row('account read', reads, bareRead),
      ],
    };
  } finally {
    await app.stop();
    await Promise.all([kurrentdb.stop(), mongodb.stop(), bare.stop()]);
  }
}
