import { setTimeout as sleep } from 'node:timers/promises';
import type { BankClient } from './bank-client.js';

interface ProcessReport {
  readonly pid: number;
  readonly role: string;
  readonly consumers: Record<string, string>;
}

/** The consumer groups a process says it is consuming from (not on standby), as the bank's processes report themselves. */
export async function groupsConsumedBy(admin: BankClient, pid: number): Promise<string[]> {
  const answer = await admin.get('/api/v1/admin/processes');
  if (answer.status !== 200) throw new Error(`GET /api/v1/admin/processes answered ${answer.status} ${JSON.stringify(answer.body)}`);
  const found = (answer.body as ProcessReport[]).find((process) => process.pid === pid);
  return Object.entries(found?.consumers ?? {})
    .filter(([, state]) => state === 'consuming')
    .map(([group]) => group)
    .sort();
}

/** Waits until the process consumes from every one of the groups (it reports itself at once when that changes); returns the ones still missing. */
export async function waitUntilConsuming(admin: BankClient, pid: number, groups: readonly string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const consumed = await groupsConsumedBy(admin, pid);
    const missing = groups.filter((group) => !consumed.includes(group));
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await sleep(250);
  }
}
