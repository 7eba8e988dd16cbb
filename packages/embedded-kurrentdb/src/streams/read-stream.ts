import { streamDeletedError } from '../grpc/rpc-error.js';
import type { EventStore } from '../store/event-store.js';
import { isGone, streamNotFound, waitForDrain, type ReadCall } from './read-call.js';
import type { ReadEventEncoder } from './read-event-encoder.js';
import { isLinkRecord, isVisible, resolveLink, visibleRange } from './stream-visibility.js';

export interface StreamReadRequest {
  streamName: Uint8Array;
  /** 'start', 'end' or a revision (inclusive). */
  from: 'start' | 'end' | number;
  backwards: boolean;
  count: number;
  resolveLinks: boolean;
}

/**
 * Reads one stream by revision: O(1) per event through the stream's revision table.
 * A missing, metadata-only or soft-deleted stream is an in-band `stream_not_found` (then OK);
 * a tombstoned one ends the call with `stream-deleted`.
 */
export async function readStream(store: EventStore, call: ReadCall, encoder: ReadEventEncoder, request: StreamReadRequest): Promise<void> {
  const name = Buffer.from(request.streamName).toString('utf8');
  if (store.isTombstonedName(name)) {
    call.emit('error', streamDeletedError(name));
    return;
  }
  const stream = store.stream(name);
  if (!stream || stream.records.length === 0 || stream.isSoftDeleted) {
    call.write(streamNotFound(request.streamName));
    call.end();
    return;
  }
  const nowMs = Date.now();
  const range = visibleRange(stream, nowMs);
  const step = request.backwards ? -1 : 1;
  let revision: number;
  if (request.backwards) revision = request.from === 'end' ? range.last : request.from === 'start' ? 0 : Math.min(request.from, range.last);
  else revision = Math.max(range.first, request.from === 'start' ? 0 : request.from === 'end' ? range.last + 1 : request.from);

  let sent = 0;
  for (; sent < request.count && revision >= range.first && revision <= range.last; revision += step) {
    if (!isVisible(store, stream, revision, range)) continue;
    const record = stream.records[revision];
    const link = request.resolveLinks && isLinkRecord(store, record);
    const message = link
      ? encoder.encode(resolveLink(store, record, nowMs), record, store.records.position[record])
      : encoder.encode(record, -1, store.records.position[record]);
    sent++;
    if (!call.write(message) && !(await waitForDrain(call))) return;
  }
  if (!isGone(call)) call.end();
}
