import mongoose from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BankClient } from './bank-client.js';
import type { WriteModelCheck } from './ledger-check.js';

interface SubscriptionStatus {
  readonly name: string;
  readonly kind: string;
  readonly running: boolean;
  readonly caught_up: boolean;
  readonly parked: number;
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

/** Bookkeeping of the machinery, not read models: what a replay of $all does not rebuild. */
const machineryCollections = new Set(['idempotency_keys', 'parked_events', 'projection_rebuilds', 'processes', 'rate_limits']);

/** Waits until every subscription runs with nothing left to process; an admin client asks. */
export async function waitUntilCaughtUp(admin: BankClient, timeoutMs = 120_000): Promise<SubscriptionStatus[]> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const answer = await admin.get('/api/v1/admin/subscriptions').catch((error: Error) => ({ status: 0, body: error.message }));
    if (answer.status === 200) {
      const statuses = answer.body as SubscriptionStatus[];
      if (statuses.every((status) => status.running && status.caught_up)) return statuses;
      last = JSON.stringify(statuses.filter((status) => !status.running || !status.caught_up));
    } else last = `${answer.status} ${JSON.stringify(answer.body)}`;
    if (Date.now() > deadline) throw new Error(`subscriptions did not catch up within ${timeoutMs} ms: ${last}`);
    await sleep(250);
  }
}

/** The read models, once caught up, against the write model: balances, revisions, transaction lists, transfers. */
export async function checkReadModels(client: BankClient, written: WriteModelCheck): Promise<string[]> {
  const violations: string[] = [];
  for (const ledger of written.accounts) {
    const account = await client.get(`/api/v1/accounts/${ledger.id}`);
    if (account.status !== 200 || cents(account.body.balance) !== ledger.balance || account.body.revision !== ledger.revision) {
      violations.push(`account ${ledger.id}: read model ${account.status} ${JSON.stringify(account.body)}, event store balance ${ledger.balance} at revision ${ledger.revision}`);
    }
    const transactions = await client.get(`/api/v1/accounts/${ledger.id}/transactions?page_size=1`);
    if (transactions.body?.total_items !== ledger.transactions.length) {
      violations.push(`account ${ledger.id}: ${transactions.body?.total_items} transactions listed, ${ledger.transactions.length} recorded`);
    }
  }
  for (const [id, ending] of written.transfers) {
    const transfer = await client.get(`/api/v1/transactions/transfers/${id}`);
    if (transfer.body?.status !== ending) violations.push(`transfer ${id}: read model says ${transfer.body?.status}, event store ${ending}`);
  }
  return violations;
}

/**
 * Every read model equals a fresh replay of $all: their documents are taken, each projection is
 * rebuilt from the start through the admin API, and the documents taken again must be the same.
 */
export async function checkReplayGivesSameReadModels(admin: BankClient, mongoUri: string, database: string): Promise<{ violations: string[]; documents: number }> {
  const connection = await mongoose.createConnection(mongoUri, { dbName: database }).asPromise();
  try {
    const before = await readModelDocuments(connection);
    const statuses = await waitUntilCaughtUp(admin);
    for (const { name } of statuses.filter((status) => status.kind === 'projection')) {
      const answer = await admin.whenAvailable('POST', `/api/v1/admin/subscriptions/${name}/rebuild`);
      if (answer.status !== 202) return { violations: [`rebuild of ${name} answered ${answer.status} ${JSON.stringify(answer.body)}`], documents: 0 };
    }
    await waitUntilCaughtUp(admin);
    const after = await readModelDocuments(connection);
    const violations: string[] = [];
    for (const collection of new Set([...before.keys(), ...after.keys()])) {
      const [was, is] = [before.get(collection) ?? [], after.get(collection) ?? []];
      if (was.length !== is.length) violations.push(`${collection}: ${was.length} documents, ${is.length} after a replay`);
      const differing = was.filter((document, index) => document !== is[index]);
      if (differing.length > 0) violations.push(`${collection}: ${differing.length} documents differ after a replay, e.g. ${differing[0]} — now ${is[was.indexOf(differing[0])]}`);
    }
    return { violations, documents: [...after.values()].reduce((sum, found) => sum + found.length, 0) };
  } finally {
    await connection.close();
  }
}

/** Each read-model collection's documents, in _id order, as canonical Extended JSON. */
async function readModelDocuments(connection: mongoose.Connection): Promise<Map<string, string[]>> {
  const db = connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name).filter((name) => !machineryCollections.has(name));
  const documents = new Map<string, string[]>();
  for (const name of names.sort()) {
    const found = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    documents.set(name, found.map((document) => mongoose.mongo.BSON.EJSON.stringify(document, { relaxed: false })));
  }
  return documents;
}
