import { startKurrentDBProcess, startListeningProcess, type StartedProcess } from '@openbank/testing';
import { cpuMeter } from '../support/cpu.js';
import { load, type LoadResult } from '../support/load.js';
import { rawAppends } from '../support/raw-appends.js';

/** One measured way of recording a deposit: its rate, latency, and the CPU its server process used per 2xx answer. */
export interface Measured extends LoadResult {
  readonly name: string;
  /** CPU ms per 2xx answer, per process: the server's, its projector's and its stores' (absent where the work runs in the load generator itself). */
  readonly cpuPerOperation: Record<string, number>;
  /** How long the read models took to catch up after the load (OpenBank only). */
  readonly settledAfterMs?: number;
}

export interface Baselines {
  readonly rawAppend: Measured;
  readonly leanFloor: Measured;
  readonly emmett: Measured;
}

const json = { 'content-type': 'application/json' };

/** Loads a server with deposits on `accounts` and meters the CPU of its process and of its store meanwhile. */
export async function depositsThrough(server: StartedProcess, kurrentdb: StartedProcess, name: string, accounts: string[], connections: number, seconds: number): Promise<Measured> {
  const meter = cpuMeter({ server: server.child.pid, kurrentdb: kurrentdb.child.pid });
  const result = await load({
    url: server.address,
    connections,
    seconds,
    request: () => ({ method: 'POST', path: `/accounts/${accounts[Math.floor(Math.random() * accounts.length)]}/deposit`, headers: json, body: '{"amount":"1.00"}' }),
  });
  return { name, ...result, cpuPerOperation: meter.perOperation(result.ok) };
}

/**
 * The three figures OpenBank's deposits are quoted against, on one embedded KurrentDB of their
 * own: the client appending straight to the store; the lean floor (bare Fastify, one append per
 * request); and the Emmett peer (HTTP, read the stream, decide, append at its revision).
 */
export async function measureBaselines(connections: number, seconds: number): Promise<Baselines> {
  const kurrentdb = await startKurrentDBProcess();
  const servers: StartedProcess[] = [];
  try {
    const storeMeter = cpuMeter({ kurrentdb: kurrentdb.child.pid });
    const appended = await rawAppends(kurrentdb.address, connections, seconds);
    const rawAppend = { name: 'raw client append', ...appended, cpuPerOperation: storeMeter.perOperation(appended.ok) };

    const lean = await startListeningProcess(['--import', 'tsx', 'bench/peers/lean-floor.ts', kurrentdb.address]);
    servers.push(lean);
    const leanFloor = await depositsThrough(lean, kurrentdb, 'lean floor (Fastify, one append)', Array.from({ length: 100 }, (_, index) => String(index)), connections, seconds);

    const peer = await startListeningProcess(['--import', 'tsx', 'bench/peers/emmett-bank.ts', kurrentdb.address]);
    servers.push(peer);
    const accounts: string[] = [];
    for (let index = 0; index < 100; index++) {
      const response = await fetch(`${peer.address}/accounts`, { method: 'POST', headers: json, body: '{}' });
      accounts.push(((await response.json()) as { id: string }).id);
    }
    const emmett = await depositsThrough(peer, kurrentdb, 'Emmett 0.20 peer (412 retried)', accounts, connections, seconds);
    return { rawAppend, leanFloor, emmett };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await kurrentdb.stop();
  }
}
