import { LINK_EVENT_TYPE, type EventStore } from '../store/event-store.js';
import type { StreamState } from '../store/stream-state.js';

/**
 * Which revisions of a stream a stream read may return, from its metadata: `$tb`, `$maxCount`
 * (implicitly 1 for `$$` metastreams) and `$maxAge`. `$all` ignores all of this.
 */
export interface VisibleRange {
  first: number;
  last: number;
  /** Events created before this (ms since epoch) are hidden by `$maxAge`. */
  minCreatedMs: number;
}

export function visibleRange(stream: StreamState, nowMs: number): VisibleRange {
  const last = stream.lastRevision;
  const metadata = stream.metadata;
  if (metadata.softDeleted) return { first: last + 1, last, minCreatedMs: -Infinity };
  let first = 0;
  if (metadata.truncateBefore !== undefined) first = Math.max(first, metadata.truncateBefore);
  const maxCount = stream.isMetastream ? 1 : metadata.maxCount;
  if (maxCount !== undefined) first = Math.max(first, last - maxCount + 1);
  const minCreatedMs = metadata.maxAgeSeconds !== undefined ? nowMs - metadata.maxAgeSeconds * 1000 : -Infinity;
  return { first, last, minCreatedMs };
}

export function isVisible(store: EventStore, stream: StreamState, revision: number, range: VisibleRange): boolean {
  if (revision < range.first || revision > range.last || stream.records[revision] < 0) return false;
  return range.minCreatedMs === -Infinity || store.createdMs(stream.records[revision]) >= range.minCreatedMs;
}

export function isLinkRecord(store: EventStore, record: number): boolean {
  return store.typeName(store.records.typeId[record]) === LINK_EVENT_TYPE;
}

/**
 * The record a `$>` link points at ("<revision>@<stream>"), or -1 when it is gone: missing,
 * deleted, or hidden by the target's metadata.
 */
export function resolveLink(store: EventStore, link: number, nowMs: number): number {
  const text = store.data(link).toString('utf8');
  const at = text.indexOf('@');
  if (at <= 0) return -1;
  const revision = Number(text.slice(0, at));
  const target = store.stream(text.slice(at + 1));
  if (!target || !Number.isInteger(revision) || target.isTombstoned || target.isSoftDeleted) return -1;
  return isVisible(store, target, revision, visibleRange(target, nowMs)) ? target.records[revision] : -1;
}
