import type { EventStore } from '../store/event-store.js';
import type { EventFilter } from './event-filter.js';
import { isGone, waitForDrain, type ReadCall } from './read-call.js';
import type { ReadEventEncoder } from './read-event-encoder.js';
import { isLinkRecord, resolveLink } from './stream-visibility.js';

export interface AllReadRequest {
  /** 'start', 'end' or a commit position: forwards includes it, backwards stops before it. */
  from: 'start' | 'end' | number;
  backwards: boolean;
  count: number;
  resolveLinks: boolean;
  filter: EventFilter | undefined;
}

/** Index of the first record a read of `$all` visits. */
function allReadStart(store: EventStore, from: AllReadRequest['from'], backwards: boolean): number {
  const count = store.records.count;
  if (backwards) {
    if (from === 'end') return count - 1;
    if (from === 'start') return -1;
    return store.records.firstAtOrAfter(from) - 1;
  }
  if (from === 'start') return 0;
  if (from === 'end') return count;
  return store.records.firstAtOrAfter(from);
}

/**
 * Reads the global log in position order. Stream metadata (truncation, soft delete) does not
 * apply here: `$all` shows every record until a scavenge removes it.
 * `count` bounds the events returned, so a filtered read scans on until it has enough.
 */
export async function readAll(store: EventStore, call: ReadCall, encoder: ReadEventEncoder, request: AllReadRequest): Promise<void> {
  const nowMs = Date.now();
  const step = request.backwards ? -1 : 1;
  const { filter } = request;
  let sent = 0;
  // The end is fixed when the read starts: a read is a snapshot, not a subscription.
  const end = store.records.count;
  for (let record = allReadStart(store, request.from, request.backwards); sent < request.count && record >= 0 && record < end; record += step) {
    if (store.isScavenged(record) || store.streamById(store.records.streamId[record]).hiddenFromAll) continue;
    if (filter && !filter.matches(store, record)) continue;
    const position = store.records.position[record];
    const message =
      request.resolveLinks && isLinkRecord(store, record)
        ? encoder.encode(resolveLink(store, record, nowMs), record, position)
        : encoder.encode(record, -1, position);
    sent++;
    if (!call.write(message) && !(await waitForDrain(call))) return;
  }
  if (!isGone(call)) call.end();
}
