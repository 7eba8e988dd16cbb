import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApplicationProcess, startKurrentDBProcess, startMongoProcess, type StartedProcess } from '@openbank/testing';
import { apiClient, benchEnvironment, tokenFor, type ApiClient } from './api.js';
import { childPids } from './cpu.js';
import type { Request } from 'autocannon';

/** Stores, an API and its projector as `npm start` runs them, each in a process of its own. */
export interface RunningBank {
  readonly kurrentdb: StartedProcess;
  readonly mongodb: StartedProcess;
  readonly api: StartedProcess;
  readonly projectorPid: number | undefined;
  readonly teller: ApiClient;
  readonly admin: ApiClient;
  readonly tellerToken: string;
  stop(): Promise<void>;
}

/** Starts the bank on fresh embedded stores (or on `kurrentdb`, a store started by the caller). */
export async function startBank(env: NodeJS.ProcessEnv = {}, kurrentdb?: StartedProcess): Promise<RunningBank> {
  const [store, mongodb] = await Promise.all([kurrentdb ?? startKurrentDBProcess(), startMongoProcess()]);
  const api = await startApplicationProcess({ kurrentdb: store.address, mongodb: mongodb.address }, { ...benchEnvironment, ...env });
  const tellerToken = await tokenFor('teller');
  return {
    kurrentdb: store,
    mongodb,
    api,
    projectorPid: await projectorOf(api),
    teller: apiClient(api.address, tellerToken),
    admin: apiClient(api.address, await tokenFor('admin')),
    tellerToken,
    async stop() {
      await api.stop();
      await Promise.all([store.stop(), mongodb.stop()]);
    },
  };
}

/** The projector the API started as its child (it may take a moment to appear). */
async function projectorOf(api: StartedProcess): Promise<number | undefined> {
  for (let tries = 0; tries < 100; tries++) {
    const [pid] = childPids(api.child.pid);
    if (pid) return pid;
    await sleep(100);
  }
  return undefined;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

/** A deposit of 1.00 on a random account, with a fresh Idempotency-Key when asked. */
export function depositRequest(token: string, accounts: readonly string[], idempotent = false): () => Request {
  return () => ({
    method: 'POST',
    path: `/api/v1/accounts/${pick(accounts)}/deposit`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(idempotent ? { 'idempotency-key': randomUUID() } : {}) },
    body: '{"amount":"1.00"}',
  });
}

/** A transfer of 1.00 between two different random accounts. */
export function transferRequest(token: string, accounts: readonly string[]): () => Request {
  return () => {
    const from = pick(accounts);
    const to = pick(accounts.filter((account) => account !== from));
    return {
      method: 'POST',
      path: '/api/v1/transactions/transfer',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from_account_id: from, to_account_id: to, amount: '1.00' }),
    };
  };
}
