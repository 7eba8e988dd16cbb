import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@openbank/event-sourcing';
import { LRUCache } from 'lru-cache';
import { decodeArchive, manifestSuffix, sha256, storedEventOf, type ArchiveManifest } from './archive-format.js';
import { ArchiveUnreadable } from './archive-errors.js';
import { archiveRecordOf, type ArchiveRecord } from './archive-record.js';
import { ARCHIVE_STORAGE, type ArchiveStorage } from './storage/archive-storage.port.js';

/** A stream whose oldest events are in cold storage only. */
export interface ArchivedStream {
  readonly stream: string;
  readonly record: ArchiveRecord;
  /** The first revision still in the event store (`$tb`). */
  readonly truncateBefore: bigint;
}

/**
 * Reads a stream's whole history, wherever it is: the archived part from cold storage (checked
 * against the sha256 its stream's metadata recorded), the rest from the event store. What the
 * timeline, the balance at an instant, the ledger check and `archive verify` read through.
 */
@Injectable()
export class ArchivedHistory {
  private readonly decoded = new LRUCache<string, StoredEvent[]>({ max: 64 });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ARCHIVE_STORAGE) private readonly storage: ArchiveStorage,
  ) {}

  /** Where the stream's archived part is, when its oldest events are in cold storage only. */
  async archiveOf(stream: string): Promise<ArchivedStream | undefined> {
    const metadata = await this.store.streamMetadata(stream);
    const record = archiveRecordOf(metadata);
    if (record?.state !== 'archived' || metadata.truncateBefore === undefined) return undefined;
    return { stream, record, truncateBefore: metadata.truncateBefore };
  }

  /** The archived events (revisions below `$tb`), read from cold storage and checked. */
  async archivedEvents({ stream, record, truncateBefore }: ArchivedStream): Promise<StoredEvent[]> {
    const cacheKey = `${record.key}:${record.sha256}`;
    const cached = this.decoded.get(cacheKey);
    if (cached) return cached;
    const compressed = await this.storage.get(record.key);
    if (!compressed) throw new ArchiveUnreadable(`the archive of ${stream} (${record.key}) is not in ${this.storage.location}`, { stream, key: record.key });
    if (sha256(compressed) !== record.sha256) throw new ArchiveUnreadable(`the archive of ${stream} (${record.key}) does not match the sha256 its stream recorded`, { stream, key: record.key });
    let events: StoredEvent[];
    try {
      events = (await decodeArchive(compressed)).events.map((line) => storedEventOf(stream, line)).filter((event) => event.revision < truncateBefore);
    } catch (error) {
      throw new ArchiveUnreadable(`the archive of ${stream} (${record.key}) cannot be read: ${(error as Error).message}`, { stream, key: record.key });
    }
    this.decoded.set(cacheKey, events);
    return events;
  }

  /** The stream's events from `from` on, oldest first: the archived ones, then those in the store. */
  async *read(stream: string, from = 0n): AsyncIterable<StoredEvent> {
    const archived = await this.archiveOf(stream);
    if (archived) for (const event of await this.archivedEvents(archived)) if (event.revision >= from) yield event;
    const storeFrom = archived && archived.truncateBefore > from ? archived.truncateBefore : from;
    yield* this.store.read(stream, { from: storeFrom === 0n ? 'start' : storeFrom, direction: 'forwards' });
  }

  /** Every stream whose oldest events are in cold storage only (those whose manifest is in the storage and whose metadata says so). */
  async *archivedStreams(): AsyncIterable<ArchivedStream> {
    for (const key of await this.storage.list('')) {
      if (!key.endsWith(manifestSuffix)) continue;
      const manifest = await this.manifest(key);
      if (!manifest) continue;
      const archived = await this.archiveOf(manifest.stream);
      if (archived && archived.record.key === manifest.key) yield archived;
    }
  }

  async manifest(manifestKey: string): Promise<ArchiveManifest | undefined> {
    const content = await this.storage.get(manifestKey);
    return content ? (JSON.parse(content.toString('utf8')) as ArchiveManifest) : undefined;
  }
}
