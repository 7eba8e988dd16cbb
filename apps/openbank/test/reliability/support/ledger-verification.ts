import type { BankClient } from './bank-client.js';

interface Difference {
  readonly kind: string;
  readonly detail: string;
}

/**
 * The bank's own audit, as an operator runs it (`GET /api/v1/admin/ledger/verification`): every
 * balance recomputed from the event store and compared with the read model, conservation, every
 * transfer settled. Returns each difference it names; none when the ledger is clean.
 */
export async function verifyLedger(admin: BankClient): Promise<string[]> {
  const answer = await admin.whenAvailable('GET', '/api/v1/admin/ledger/verification?settle_seconds=60&catch_up_seconds=120');
  if (answer.status !== 200) return [`ledger verification answered ${answer.status} ${JSON.stringify(answer.body)}`];
  if (answer.body.ok) return [];
  return (answer.body.differences as Difference[]).map(({ kind, detail }) => `ledger verification: ${kind} ${detail}`);
}
