/**
 * Archive throughput and restore time on the embedded KurrentDB, through the real client:
 * `npx tsx libs/platform/archiving/test/measure-archiving.ts [streams] [events per stream]`
 * (100 × 1,000 by default: 100k events). Archives every stream to a temporary directory, verifies
 * each by checksums, then restores them all, and prints events/s and times.
 */
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { Logger } from '@nestjs/common';
import { startEmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { KurrentDBEventStore, type StoredEvent } from '@openbank/event-sourcing';
import { systemClock } from '@openbank/shared-kernel';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchivableStreams } from '../src/archivable-streams.js';
import { ArchivedHistory } from '../src/archived-history.js';
import { Archives } from '../src/archives.js';
import { ArchivingRegistry } from '../src/archiving-registry.js';
import { DirectoryArchiveStorage } from '../src/storage/directory-archive-storage.js';

const [streams, perStream] = process.argv.slice(2).map(Number);
const streamCount = streams || 100;
const eventsPerStream = perStream || 1000;
const batch = 500;

/** Every stream of the category is due; nothing to snapshot, nothing to compare. */
const everyStream: ArchivableStreams = {
  category: 'measured',
  candidates: async function* () {},
  dueBefore: async (stream) => ({ stream, reason: 'measured' }),
  beforeTruncation: async () => undefined,
  checkState: async (_stream: string, _history: readonly StoredEvent[]) => undefined,
};

// Only the figures: the archiver's log line per stream would drown them.
Logger.overrideLogger(false);
const server = await startEmbeddedKurrentDB({ port: 0 });
const client = KurrentDBClient.connectionString(server.connectionString);
const directory = mkdtempSync(join(tmpdir(), 'openbank-measure-archives-'));
try {
  const store = new KurrentDBEventStore(client, 60_000);
  const storage = new DirectoryArchiveStorage(directory);
  const registry = new ArchivingRegistry();
  registry.register(everyStream);
  const history = new ArchivedHistory(store, storage);
  const archives = new Archives(store, storage, { afterDays: 0 }, systemClock, registry, history);

  const names = Array.from({ length: streamCount }, () => `measured-${randomUUID()}`);
  for (const stream of names) {
    for (let from = 0; from < eventsPerStream; from += batch) {
      const events = Array.from({ length: Math.min(batch, eventsPerStream - from) }, (_, index) => ({
        id: randomUUID(),
        type: 'BankAccountTransactionRecordedDomainEventV1',
        data: { accountId: stream, transaction: { transactionId: randomUUID(), type: 'DEPOSIT', direction: 'IN', amount: { minor: 100 + from + index, currency: 'EUR' }, description: 'Salary', at: new Date().toISOString() } },
        metadata: { occurredAt: new Date().toISOString(), correlationId: randomUUID(), principal: 'teller:1' },
      }));
      await store.append([{ stream, expected: from === 0 ? 'no_stream' : BigInt(from - 1), events }]);
    }
  }
  const total = streamCount * eventsPerStream;
  const timed = async (what: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    const seconds = (performance.now() - started) / 1000;
    console.log(`${what}: ${seconds.toFixed(2)} s (${Math.round(total / seconds).toLocaleString('en-US')} events/s)`);
  };
  console.log(`${streamCount} streams × ${eventsPerStream} events = ${total.toLocaleString('en-US')} events on the embedded KurrentDB`);
  await timed('archive (export, read back, truncate)', async () => {
    for (const stream of names) await archives.archive(stream);
  });
  await timed('verify (archive + store by checksums)', async () => {
    for (const stream of names) if (!(await archives.verify(stream)).ok) throw new Error(`${stream} failed verification`);
  });
  await timed('restore (lift $tb, compare every event)', async () => {
    for (const stream of names) await archives.restore(stream);
  });
} finally {
  await client.dispose();
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
