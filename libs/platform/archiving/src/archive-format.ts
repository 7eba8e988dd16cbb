import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { StoredEvent } from '@openbank/event-sourcing';

/**
 * The archive format, version 1 (README, "Archiving"). An archive holds the oldest events of one
 * stream, revisions `from_revision` … `to_revision`, as gzip-compressed NDJSON (UTF-8):
 *
 *   {"format":"openbank-archive","version":1,"stream":"account-…","from_revision":"0","to_revision":"41","events":42}
 *   {"revision":"0","id":"…","type":"BankAccountCreatedDomainEventV2","created":"…","position":{"commit":"…","prepare":"…"},"data":{…},"metadata":{…}}
 *   …one line per event, in revision order
 *
 * Revisions and log positions are decimal strings (JSON has no 64-bit integers). The file holds
 * no time of its own, so archiving the same events twice writes the same bytes. Beside it, a
 * manifest (JSON) gives the checksums: the sha256 of the compressed file, of its content, and of
 * the stream's whole history as it was when archived (these lines plus the events kept in the store).
 */
export const archiveFormat = 'openbank-archive';
export const archiveFormatVersion = 1;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface ArchiveHeader {
  readonly format: typeof archiveFormat;
  readonly version: number;
  readonly stream: string;
  readonly from_revision: string;
  readonly to_revision: string;
  readonly events: number;
}

/** One event as an archive line holds it. */
export interface ArchivedEventLine {
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly created: string;
  readonly position?: { readonly commit: string; readonly prepare: string };
  readonly data: unknown;
  readonly metadata: unknown;
}

/** What is written beside each archive: where it is, what it holds, its checksums. */
export interface ArchiveManifest {
  readonly format: typeof archiveFormat;
  readonly version: number;
  readonly stream: string;
  /** The archive's key in the storage; the manifest's is this plus `.manifest.json`. */
  readonly key: string;
  readonly from_revision: string;
  readonly to_revision: string;
  readonly events: number;
  readonly first_event_at: string;
  readonly last_event_at: string;
  readonly archived_at: string;
  /** Size and sha256 (hex) of the compressed file. */
  readonly bytes: number;
  readonly sha256: string;
  /** sha256 of the uncompressed NDJSON. */
  readonly content_sha256: string;
  /** sha256 of the event lines of the whole stream, revision 0 … `through_revision`, when it was archived. */
  readonly history: { readonly through_revision: string; readonly events: number; readonly sha256: string };
}

/** The line of an event: the same text whether it comes from the store or from an archive. */
export function eventLine(event: StoredEvent | ArchivedEventLine): string {
  const line: ArchivedEventLine =
    'streamId' in event
      ? {
          revision: event.revision.toString(),
          id: event.id,
          type: event.type,
          created: event.created.toISOString(),
          ...(event.position ? { position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() } } : {}),
          data: event.data ?? null,
          metadata: event.metadata ?? null,
        }
      : event;
  return JSON.stringify({ revision: line.revision, id: line.id, type: line.type, created: line.created, ...(line.position ? { position: line.position } : {}), data: line.data, metadata: line.metadata });
}

export function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A running sha256 over event lines (each followed by a newline): the history checksum. */
export class HistoryDigest {
  private readonly hash = createHash('sha256');
  events = 0;

  add(line: string): void {
    this.hash.update(`${line}\n`);
    this.events++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export interface EncodedArchive {
  readonly header: ArchiveHeader;
  readonly lines: readonly string[];
  readonly content: Buffer;
  readonly compressed: Buffer;
}

export async function encodeArchive(stream: string, events: readonly StoredEvent[]): Promise<EncodedArchive> {
  const header: ArchiveHeader = {
    format: archiveFormat,
    version: archiveFormatVersion,
    stream,
    from_revision: events[0].revision.toString(),
    to_revision: events.at(-1)!.revision.toString(),
    events: events.length,
  };
  const lines = events.map(eventLine);
  const content = Buffer.from(`${[JSON.stringify(header), ...lines].join('\n')}\n`, 'utf8');
  return { header, lines, content, compressed: await gzipAsync(content, { level: 9 }) };
}

export interface DecodedArchive {
  readonly header: ArchiveHeader;
  readonly events: readonly ArchivedEventLine[];
  /** The event lines as stored (for checksums). */
  readonly lines: readonly string[];
  readonly contentSha256: string;
}

/** Reads an archive back; throws with the reason when it is not one, or not a whole one. */
export async function decodeArchive(compressed: Buffer): Promise<DecodedArchive> {
  const content = await gunzipAsync(compressed);
  const text = content.toString('utf8');
  if (!text.endsWith('\n')) throw new Error('the archive does not end with a newline: it is cut short');
  const [first, ...lines] = text.slice(0, -1).split('\n');
  const header = JSON.parse(first) as ArchiveHeader;
  if (header.format !== archiveFormat) throw new Error(`not an ${archiveFormat} file`);
  if (header.version !== archiveFormatVersion) throw new Error(`archive format version ${header.version} is not one this version reads (${archiveFormatVersion})`);
  const events = lines.map((line) => JSON.parse(line) as ArchivedEventLine);
  if (events.length !== header.events) throw new Error(`the header announces ${header.events} events, the archive holds ${events.length}`);
  let expected = BigInt(header.from_revision);
  for (const event of events) {
    if (BigInt(event.revision) !== expected) throw new Error(`revision ${event.revision} where ${expected} was expected`);
    expected++;
  }
  if (events.length > 0 && events.at(-1)!.revision !== header.to_revision) throw new Error(`the last revision is ${events.at(-1)!.revision}, the header says ${header.to_revision}`);
  return { header, events, lines, contentSha256: sha256(content) };
}

/** An archived event as the event store port describes events (what readers of history take). */
export function storedEventOf(stream: string, line: ArchivedEventLine): StoredEvent {
  return {
    id: line.id,
    type: line.type,
    streamId: stream,
    revision: BigInt(line.revision),
    ...(line.position ? { position: { commit: BigInt(line.position.commit), prepare: BigInt(line.position.prepare) } } : {}),
    data: line.data,
    metadata: line.metadata,
    created: new Date(line.created),
  };
}

/** Where the archive of a stream's revisions goes: `<category>/<stream>/<from>-<to>.ndjson.gz`. */
export function archiveKey(stream: string, from: bigint, to: bigint): string {
  const category = stream.split('-')[0];
  const pad = (revision: bigint) => revision.toString().padStart(12, '0');
  return `${category}/${stream}/${pad(from)}-${pad(to)}.ndjson.gz`;
}

export const manifestSuffix = '.manifest.json';

export function manifestKey(key: string): string {
  return `${key}${manifestSuffix}`;
}
