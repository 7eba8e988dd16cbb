/**
 * Backup and restore times of the embedded stores:
 * `npx tsx libs/platform/backup/test/measure-backup.ts [events] [documents]` (100k events and 10k
 * documents by default). Writes them to embedded servers keeping their data in a temporary
 * DATA_DIR, backs them up while they run, stops them, restores the backup into another DATA_DIR.
 */
import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { startEmbeddedMongo } from '@openbank/embedded-mongodb';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupEmbeddedStores, embeddedStoreDirectories, restoreEmbeddedStores } from '../src/index.js';

const [eventArgument, documentArgument] = process.argv.slice(2).map(Number);
const eventCount = eventArgument || 100_000;
const documentCount = documentArgument || 10_000;
const perStream = 1000;
const batch = 500;

const root = mkdtempSync(join(tmpdir(), 'openbank-measure-backup-'));
const [source, target] = [join(root, 'source'), join(root, 'target')];
const directories = embeddedStoreDirectories(source);
const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(2);
try {
  const [kurrentdb, mongo] = await Promise.all([startEmbeddedKurrentDB({ dataDir: directories.kurrentdb, port: 0 }), startEmbeddedMongo({ dataDir: directories.mongodb, port: 0 })]);
  const client = KurrentDBClient.connectionString(kurrentdb.connectionString);
  const mongoClient = await MongoClient.connect(mongo.uri);
  try {
    for (let written = 0; written < eventCount; written += batch) {
      const stream = `account-${Math.floor(written / perStream)}`;
      const events = Array.from({ length: Math.min(batch, eventCount - written) }, (_, index) =>
        jsonEvent({ type: 'BankAccountTransactionRecordedDomainEventV1', data: { accountId: stream, transaction: { transactionId: randomUUID(), amount: { minor: written + index, currency: 'EUR' }, description: 'Salary' } } }),
      );
      await client.appendToStream(stream, events);
    }
    const db = mongoClient.db('openbank');
    for (let inserted = 0; inserted < documentCount; inserted += batch) {
      await db.collection('bank_accounts').insertMany(Array.from({ length: Math.min(batch, documentCount - inserted) }, (_, index) => ({ _id: `a-${inserted + index}` as never, balance: '10.00', revision: 3 })));
    }
    const started = performance.now();
    const manifest = await backupEmbeddedStores({ dataDir: source, db, directory: join(root, 'backup'), now: new Date() });
    console.log(`backup of ${eventCount.toLocaleString('en-US')} events (${manifest.kurrentdb.log.bytes.toLocaleString('en-US')} bytes of log) and ${documentCount.toLocaleString('en-US')} documents, the stores running: ${seconds(started)} s`);
  } finally {
    await mongoClient.close();
    await client.dispose();
    await Promise.all([kurrentdb.stop(), mongo.stop()]);
  }
  const started = performance.now();
  const report = await restoreEmbeddedStores({ dataDir: target, backup: join(root, 'backup'), now: new Date() });
  console.log(`restore (checksums, log opened and $all counted: ${report.events.toLocaleString('en-US')} events, dump loaded: ${report.documents.toLocaleString('en-US')} documents): ${seconds(started)} s`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
