import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, EVENT_STORE, type EventStore, type StoredEvent } from '@openbank/event-sourcing';
import type { Clock } from '@openbank/shared-kernel';
import { archiveKey, decodeArchive, encodeArchive, eventLine, HistoryDigest, manifestKey, manifestSuffix, sha256, storedEventOf, type ArchiveManifest } from './archive-format.js';
import { ArchiveNotFound, ArchiveReclaimed, StreamNotArchivable } from './archive-errors.js';
import { archiveProperty, archiveRecordOf, type ArchiveRecord } from './archive-record.js';
import { ArchivedHistory } from './archived-history.js';
import type { DueStream } from './archivable-streams.js';
import { ArchivingRegistry } from './archiving-registry.js';
import { ARCHIVING_OPTIONS, type ArchivingOptions } from './archiving.options.js';
import { ARCHIVE_STORAGE, type ArchiveStorage } from './storage/archive-storage.port.js';

export interface ArchivedResult {
  readonly stream: string;
  readonly key: string;
  /** Events moved to cold storage (revisions 0 … truncate_before − 1). */
  readonly events: number;
  readonly truncate_before: string;
  readonly bytes: number;
  readonly sha256: string;
  /** False when the stream was archived before (the answer describes that archive). */
  readonly archived_now: boolean;
}

export interface ArchiveListing {
  readonly stream: string;
  readonly key: string;
  readonly state: 'archived' | 'restored' | 'not-truncated';
  readonly events: number;
  readonly from_revision: string;
  readonly to_revision: string;
  readonly first_event_at: string;
  readonly last_event_at: string;
  readonly archived_at: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly restored_at?: string;
}

export interface ArchiveVerification {
  readonly stream: string;
  readonly ok: boolean;
  readonly state: ArchiveListing['state'];
  readonly archived_events: number;
  readonly stored_events: number;
  /** sha256 of the whole history as recorded when it was archived, and as read now (archive + store). */
  readonly history_sha256: string;
  readonly computed_sha256: string;
  readonly problems: string[];
}

export interface RestoreResult {
  readonly stream: string;
  readonly key: string;
  readonly events: number;
  readonly restored_at: string;
}

/**
 * Archiving (README, "Archiving old events to cold storage"): a stream that is due is exported to
 * cold storage (compressed, checksummed), its aggregate snapshotted at the truncation point, then
 * truncated in the event store (`$tb`, with a record of the archive, in one metadata write).
 * Everything but the stream's last event goes; the last stays, so the stream keeps its revision.
 */
@Injectable()
export class Archives {
  private readonly logger = new Logger(Archives.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ARCHIVE_STORAGE) private readonly storage: ArchiveStorage,
    @Inject(ARCHIVING_OPTIONS) private readonly options: ArchivingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: ArchivingRegistry,
    private readonly history: ArchivedHistory,
  ) {}

  get location(): string {
    return this.storage.location;
  }

  get afterDays(): number {
    return this.options.afterDays;
  }

  /** Streams due for cold storage and not archived yet, oldest first. */
  async due(limit: number): Promise<DueStream[]> {
    const now = this.clock.now();
    const archived = new Set((await this.storage.list('')).filter((key) => key.endsWith(manifestSuffix)).map((key) => key.split('/')[1]));
    const due: DueStream[] = [];
    for (const kind of this.registry.all()) {
      // Candidates come from a read model; those archived already are left out here, the rest checked on archiving.
      for await (const candidate of kind.candidates(this.cutoff(now))) {
        if (!archived.has(candidate.stream)) due.push(candidate);
        if (due.length >= limit) return due;
      }
    }
    return due;
  }

  /** Archives every due stream (at most `limit`), one after another. */
  async run(limit: number): Promise<ArchivedResult[]> {
    const results: ArchivedResult[] = [];
    for (const { stream } of await this.due(limit)) results.push(await this.archive(stream));
    return results;
  }

  /** Archives one stream; it must be due. Archiving a stream archived before answers that archive. */
  async archive(stream: string): Promise<ArchivedResult> {
    const kind = this.registry.kindOf(stream);
    const metadata = await this.store.streamMetadata(stream);
    const existing = archiveRecordOf(metadata);
    if (existing?.state === 'archived') return { stream, key: existing.key, events: existing.events, truncate_before: existing.truncate_before, bytes: -1, sha256: existing.sha256, archived_now: false };
    if (existing?.state === 'restored') throw new StreamNotArchivable(`${stream} was restored from its archive on ${existing.restored_at}: it is not archived again`, { stream });
    if (!(await kind.dueBefore(stream, this.cutoff(this.clock.now())))) {
      throw new StreamNotArchivable(`${stream} is not due for archiving (ARCHIVE_AFTER_DAYS=${this.options.afterDays})`, { stream });
    }
    if (metadata.truncateBefore !== undefined || metadata.maxCount !== undefined) throw new StreamNotArchivable(`${stream} is truncated already ($tb or $maxCount set by something else)`, { stream });

    const events = await collect(this.store.read(stream, { from: 'start', direction: 'forwards' }));
    if (events.length < 2) throw new StreamNotArchivable(`${stream} has ${events.length} event(s): nothing to archive (its last event stays in the store)`, { stream });
    events.forEach((event, index) => {
      if (event.revision !== BigInt(index)) throw new StreamNotArchivable(`${stream} does not start at revision 0 or has a gap at ${index}`, { stream });
    });
    const last = events.at(-1)!.revision;
    const archived = events.slice(0, -1);
    const key = archiveKey(stream, 0n, last - 1n);
    const encoded = await encodeArchive(stream, archived);
    const history = new HistoryDigest();
    for (const event of events) history.add(eventLine(event));
    const archivedAt = this.clock.now().toISOString();
    const manifest: ArchiveManifest = {
      format: encoded.header.format,
      version: encoded.header.version,
      stream,
      key,
      from_revision: encoded.header.from_revision,
      to_revision: encoded.header.to_revision,
      events: archived.length,
      first_event_at: occurredAt(archived[0]),
      last_event_at: occurredAt(archived.at(-1)!),
      archived_at: archivedAt,
      bytes: encoded.compressed.length,
      sha256: sha256(encoded.compressed),
      content_sha256: sha256(encoded.content),
      history: { through_revision: last.toString(), events: history.events, sha256: history.digest() },
    };

    // 1. The archive, read back and checked, then its manifest: cold storage holds it before anything is truncated.
    await this.storage.put(key, encoded.compressed);
    const written = await this.storage.get(key);
    if (!written || sha256(written) !== manifest.sha256) throw new Error(`the archive of ${stream} read back from ${this.storage.location} does not match what was written`);
    await this.storage.put(manifestKey(key), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
    // 2. What loading the aggregate needs without the archived events.
    await kind.beforeTruncation(stream, last);
    // 3. Nothing was appended meanwhile (a closed account takes no event; this says so rather than assume it).
    const [head] = await collect(this.store.read(stream, { from: 'end', direction: 'backwards', maxCount: 1 }));
    if (head?.revision !== last) throw new StreamNotArchivable(`${stream} changed while it was being archived: try again`, { stream });
    // 4. The truncation and the record of where the truncated events went, in one metadata write.
    const record: ArchiveRecord = { state: 'archived', key, sha256: manifest.sha256, truncate_before: last.toString(), events: archived.length, archived_at: archivedAt };
    await this.store.changeStreamMetadata(stream, { truncateBefore: last, custom: { [archiveProperty]: record } });
    this.logger.log({ msg: 'stream archived', stream, key, events: archived.length, bytes: manifest.bytes, location: this.storage.location });
    return { stream, key, events: archived.length, truncate_before: last.toString(), bytes: manifest.bytes, sha256: manifest.sha256, archived_now: true };
  }

  /** The archives in the storage, by stream, with their state in the event store; from after `after`, at most `limit`. */
  async list(limit: number, after?: string): Promise<ArchiveListing[]> {
    const keys = (await this.storage.list('')).filter((key) => key.endsWith(manifestSuffix));
    const listing: ArchiveListing[] = [];
    for (const key of keys) {
      const manifest = await this.history.manifest(key);
      if (!manifest || (after !== undefined && manifest.stream <= after)) continue;
      listing.push(await this.listingOf(manifest));
    }
    return listing.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0)).slice(0, limit);
  }

  /**
   * Proves that the archive plus what the store holds is the stream's whole history: the file's
   * sha256 is the one recorded in the manifest and in the stream's metadata, its events are
   * revisions 0 … n−1 without a gap, the store holds the rest from `$tb` on, and the event lines
   * of both, end to end, have the sha256 the whole history had when it was archived. Then the
   * aggregate loaded from the store (snapshot at the truncation point) must equal the whole history's fold.
   */
  async verify(stream: string): Promise<ArchiveVerification> {
    const manifest = await this.manifestOf(stream);
    const { state } = await this.listingOf(manifest);
    const problems: string[] = [];
    const metadata = await this.store.streamMetadata(stream);
    const record = archiveRecordOf(metadata);
    const compressed = await this.storage.get(manifest.key);
    const digest = new HistoryDigest();
    let archivedEvents = 0;
    let storedEvents = 0;
    const history: StoredEvent[] = [];
    if (!compressed) problems.push(`the archive ${manifest.key} is missing from ${this.storage.location}`);
    else if (sha256(compressed) !== manifest.sha256) problems.push(`the archive's sha256 is ${sha256(compressed)}, its manifest says ${manifest.sha256}`);
    else {
      try {
        const decoded = await decodeArchive(compressed);
        if (decoded.contentSha256 !== manifest.content_sha256) problems.push(`the archive's content sha256 is ${decoded.contentSha256}, its manifest says ${manifest.content_sha256}`);
        if (decoded.header.stream !== stream || decoded.header.from_revision !== '0') problems.push(`the archive holds ${decoded.header.stream} from revision ${decoded.header.from_revision}, not ${stream} from 0`);
        for (const line of decoded.lines) digest.add(line);
        archivedEvents = decoded.events.length;
        history.push(...decoded.events.map((line) => storedEventOf(stream, line)));
      } catch (error) {
        problems.push(`the archive cannot be read: ${(error as Error).message}`);
      }
    }
    if (record && record.sha256 !== manifest.sha256) problems.push(`the stream's metadata records sha256 ${record.sha256}, the manifest ${manifest.sha256}`);
    const through = BigInt(manifest.history.through_revision);
    const storedFrom = BigInt(manifest.to_revision) + 1n;
    if (state === 'archived' && metadata.truncateBefore !== storedFrom) problems.push(`the stream is truncated before ${metadata.truncateBefore}, the archive ends at ${manifest.to_revision}`);
    if (state === 'not-truncated') problems.push(`the archive was written but the stream was never truncated (a run that stopped half-way): archive it again`);
    // Restored: the store holds the whole history again; the archived revisions are compared too.
    const readFrom = state === 'restored' ? 0n : storedFrom;
    let expected = readFrom;
    for await (const event of this.store.read(stream, { from: readFrom === 0n ? 'start' : readFrom, direction: 'forwards' })) {
      if (event.revision > through) break;
      if (event.revision !== expected) {
        problems.push(`the store holds revision ${event.revision} where ${expected} was expected`);
        break;
      }
      expected++;
      if (state === 'restored' && event.revision < storedFrom) {
        const archivedLine = history[Number(event.revision)];
        if (!archivedLine || eventLine(archivedLine) !== eventLine(event)) problems.push(`revision ${event.revision} in the store differs from the archive`);
        continue;
      }
      digest.add(eventLine(event));
      history.push(event);
      storedEvents++;
    }
    if (expected <= through && problems.length === 0) problems.push(`the store ends at revision ${expected - 1n}; the history went up to ${through}`);
    const computed = digest.digest();
    if (problems.length === 0 && computed !== manifest.history.sha256) problems.push(`archive + store have sha256 ${computed}; the history had ${manifest.history.sha256} when it was archived`);
    if (problems.length === 0) {
      const differs = await this.registry.kindOf(stream).checkState(stream, history);
      if (differs) problems.push(differs);
    }
    return { stream, ok: problems.length === 0, state, archived_events: archivedEvents, stored_events: storedEvents, history_sha256: manifest.history.sha256, computed_sha256: computed, problems };
  }

  /**
   * Brings the archived events back into the stream: `$tb` is lifted, and the store must then give
   * back exactly the archived events (same ids, revisions, data, metadata). That holds until a
   * scavenge reclaims them: after one, KurrentDB cannot hold them under the stream again (its
   * revisions below `$tb` are gone for good), so `$tb` is put back and ARCHIVE_RECLAIMED answered;
   * the archive stays the history's source.
   */
  async restore(stream: string): Promise<RestoreResult> {
    const manifest = await this.manifestOf(stream);
    const metadata = await this.store.streamMetadata(stream);
    const record = archiveRecordOf(metadata);
    if (!record || record.key !== manifest.key) throw new ArchiveNotFound(`${stream} is not archived (its metadata records no archive)`, { stream });
    if (record.state === 'restored') return { stream, key: record.key, events: record.events, restored_at: record.restored_at! };
    const archived = await this.history.archivedEvents({ stream, record, truncateBefore: BigInt(record.truncate_before) });
    await this.store.changeStreamMetadata(stream, { truncateBefore: null });
    const back = await collect(this.store.read(stream, { from: 'start', direction: 'forwards', maxCount: archived.length }));
    const whole = back.length === archived.length && back.every((event, index) => eventLine(event) === eventLine(archived[index]));
    if (!whole) {
      await this.store.changeStreamMetadata(stream, { truncateBefore: BigInt(record.truncate_before) });
      throw new ArchiveReclaimed(
        `the archived events of ${stream} were reclaimed by a scavenge (the store gave back ${back.length} of ${archived.length}): KurrentDB cannot hold them under the stream again; the archive stays its history's source (history, balance at an instant, the ledger check read it)`,
        { stream, key: record.key },
      );
    }
    const restoredAt = this.clock.now().toISOString();
    await this.store.changeStreamMetadata(stream, { custom: { [archiveProperty]: { ...record, state: 'restored', restored_at: restoredAt } satisfies ArchiveRecord } });
    this.logger.log({ msg: 'stream restored from its archive', stream, key: record.key, events: archived.length });
    return { stream, key: record.key, events: archived.length, restored_at: restoredAt };
  }

  private cutoff(now: Date): Date {
    return new Date(now.getTime() - this.options.afterDays * 86_400_000);
  }

  private async manifestOf(stream: string): Promise<ArchiveManifest> {
    this.registry.kindOf(stream);
    const keys = (await this.storage.list(`${stream.split('-')[0]}/${stream}/`)).filter((key) => key.endsWith(manifestSuffix));
    const manifest = keys.length > 0 ? await this.history.manifest(keys.at(-1)!) : undefined;
    if (!manifest) throw new ArchiveNotFound(`${stream} has no archive in ${this.storage.location}`, { stream });
    return manifest;
  }

  private async listingOf(manifest: ArchiveManifest): Promise<ArchiveListing> {
    const record = archiveRecordOf(await this.store.streamMetadata(manifest.stream));
    const state = record?.key === manifest.key ? record.state : 'not-truncated';
    const { stream, key, events, from_revision, to_revision, first_event_at, last_event_at, archived_at, bytes, sha256: checksum } = manifest;
    return { stream, key, state, events, from_revision, to_revision, first_event_at, last_event_at, archived_at, bytes, sha256: checksum, ...(record?.restored_at ? { restored_at: record.restored_at } : {}) };
  }
}

async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** When an event happened for the bank (its metadata), or when it was stored. */
function occurredAt(event: StoredEvent): string {
  const occurred = (event.metadata as { occurredAt?: unknown } | undefined)?.occurredAt;
  return typeof occurred === 'string' ? occurred : event.created.toISOString();
}
