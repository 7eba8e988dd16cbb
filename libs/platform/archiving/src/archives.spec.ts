import type { StoredEvent } from '@openbank/event-sourcing';
import { FixedClock } from '@openbank/shared-kernel';
import { InMemoryEventStore } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import type { ArchivableStreams } from './archivable-streams.js';
import { ArchiveNotFound, ArchiveReclaimed, StreamNotArchivable } from './archive-errors.js';
import { archiveRecordOf } from './archive-record.js';
import { ArchivedHistory } from './archived-history.js';
import { Archives } from './archives.js';
import { ArchivingRegistry } from './archiving-registry.js';
import { MemoryArchiveStorage } from './storage/memory-archive-storage.js';

/** Streams of the category `ledger` whose name says whether they are due (`ledger-due-…`); the truncation step can be made to fail. */
class LedgerStreams implements ArchivableStreams {
  readonly category = 'ledger';
  readonly truncatedAt: [string, bigint][] = [];
  failBeforeTruncation = false;

  async *candidates() {}

  async dueBefore(stream: string) {
    return stream.startsWith('ledger-due-') ? { stream, reason: 'closed' } : undefined;
  }

  async beforeTruncation(stream: string, revision: bigint) {
    if (this.failBeforeTruncation) throw new Error('the snapshot could not be written');
    this.truncatedAt.push([stream, revision]);
  }

  async checkState(_stream: string, history: readonly StoredEvent[]) {
    return history.length === 0 ? 'no history' : undefined;
  }
}

describe('archiving a stream to cold storage (Archives)', () => {
  let store: InMemoryEventStore;
  let storage: MemoryArchiveStorage;
  let streams: LedgerStreams;
  let history: ArchivedHistory;
  let archives: Archives;

  beforeEach(() => {
    store = new InMemoryEventStore();
    storage = new MemoryArchiveStorage();
    streams = new LedgerStreams();
    const registry = new ArchivingRegistry();
    registry.register(streams);
    history = new ArchivedHistory(store, storage);
    archives = new Archives(store, storage, { afterDays: 30 }, new FixedClock(new Date('2026-06-01T00:00:00Z')), registry, history);
  });

  async function streamOf(count: number, name = `ledger-due-${randomUUID()}`): Promise<string> {
    const events = Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'Moved', data: { n }, metadata: { occurredAt: `2025-01-01T00:00:0${n % 10}.000Z` } }));
    await store.append([{ stream: name, expected: 'no_stream', events }]);
    return name;
  }
  const read = async (stream: string) => {
    const events: StoredEvent[] = [];
    for await (const event of store.read(stream, { from: 'start', direction: 'forwards' })) events.push(event);
    return events;
  };
  const whole = async (stream: string) => {
    const events: StoredEvent[] = [];
    for await (const event of history.read(stream)) events.push(event);
    return events.map((event) => [event.revision, event.data]);
  };

  it('moves every event but the last to cold storage, snapshots at the last, then truncates before it', async () => {
    const stream = await streamOf(5);
    const before = await whole(stream);

    const result = await archives.archive(stream);
    expect(result).toMatchObject({ stream, events: 4, truncate_before: '4', archived_now: true });
    expect(streams.truncatedAt).toEqual([[stream, 4n]]);
    expect((await read(stream)).map((event) => event.revision)).toEqual([4n]);
    expect(archiveRecordOf(await store.streamMetadata(stream))).toMatchObject({ state: 'archived', key: result.key, truncate_before: '4', events: 4 });
    expect(await storage.list('')).toEqual([result.key, `${result.key}.manifest.json`]);
    expect(await whole(stream)).toEqual(before);
    expect(await archives.archive(stream)).toMatchObject({ key: result.key, archived_now: false });
  });

  it('proves archive + store are the whole history, and names what is wrong when they are not', async () => {
    const stream = await streamOf(3);
    const { key } = await archives.archive(stream);
    expect(await archives.verify(stream)).toMatchObject({ ok: true, state: 'archived', archived_events: 2, stored_events: 1, problems: [] });

    await storage.delete(key);
    expect(await archives.verify(stream)).toMatchObject({ ok: false, problems: [expect.stringContaining('is missing from memory:')] });
  });

  it('restores the archived events while no scavenge has reclaimed them', async () => {
    const stream = await streamOf(4);
    const before = await whole(stream);
    await archives.archive(stream);

    expect(await archives.restore(stream)).toMatchObject({ stream, events: 3 });
    expect((await read(stream)).map((event) => [event.revision, event.data])).toEqual(before);
    expect(await archives.verify(stream)).toMatchObject({ ok: true, state: 'restored' });
    await expect(archives.archive(stream)).rejects.toBeInstanceOf(StreamNotArchivable);
  });

  it('keeps the archive as the history’s source once a scavenge reclaimed the archived events', async () => {
    const stream = await streamOf(4);
    const before = await whole(stream);
    await archives.archive(stream);
    store.scavenge();

    await expect(archives.restore(stream)).rejects.toBeInstanceOf(ArchiveReclaimed);
    expect((await store.streamMetadata(stream)).truncateBefore).toBe(3n);
    expect(await whole(stream)).toEqual(before);
    expect(await archives.verify(stream)).toMatchObject({ ok: true, state: 'archived' });
  });

  it('leaves a stream whole when archiving stops before the truncation, and archives it again later', async () => {
    const stream = await streamOf(3);
    streams.failBeforeTruncation = true;
    await expect(archives.archive(stream)).rejects.toThrow('the snapshot could not be written');
    expect(await read(stream)).toHaveLength(3);
    expect(await archives.list(10)).toEqual([expect.objectContaining({ stream, state: 'not-truncated' })]);
    expect(await archives.verify(stream)).toMatchObject({ ok: false, problems: [expect.stringContaining('never truncated')] });

    streams.failBeforeTruncation = false;
    expect(await archives.archive(stream)).toMatchObject({ archived_now: true, events: 2 });
    expect(await archives.verify(stream)).toMatchObject({ ok: true });
  });

  it('refuses a stream that is not due, of another category, too short, or truncated by something else', async () => {
    await expect(archives.archive(await streamOf(3, `ledger-open-${randomUUID()}`))).rejects.toThrow(/is not due for archiving \(ARCHIVE_AFTER_DAYS=30\)/);
    await expect(archives.archive('person-1')).rejects.toBeInstanceOf(StreamNotArchivable);
    await expect(archives.archive(await streamOf(1))).rejects.toThrow(/has 1 event\(s\): nothing to archive/);
    const truncated = await streamOf(3);
    await store.changeStreamMetadata(truncated, { truncateBefore: 1n });
    await expect(archives.archive(truncated)).rejects.toThrow(/is truncated already/);
    await expect(archives.verify(await streamOf(2))).rejects.toBeInstanceOf(ArchiveNotFound);
  });
});
