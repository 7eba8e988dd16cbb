import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { rpcError, streamDeletedError } from '../grpc/rpc-error.js';
import type { EventStore } from '../store/event-store.js';
import { caughtUp, confirmation, isGone, waitForDrain, type ReadCall } from '../streams/read-call.js';
import type { ReadEventEncoder } from '../streams/read-event-encoder.js';
import { isLinkRecord, isVisible, resolveLink, visibleRange } from '../streams/stream-visibility.js';
import type { ActiveCalls } from './active-calls.js';

export interface StreamSubscriptionRequest {
  streamName: string;
  /** 'start', 'end' or a revision; events strictly after it are delivered. */
  from: 'start' | 'end' | number;
  resolveLinks: boolean;
}

/**
 * Catch-up subscription to one stream: a revision cursor woken by commits to that stream.
 * A missing or soft-deleted stream is simply empty; a tombstone ends the call with
 * `stream-deleted` (live, after forwarding the `$streamDeleted` record itself).
 */
export class StreamSubscription {
  private next: number;
  private lastDelivered: number;
  private caughtUp = false;
  private running = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly call: ReadCall,
    private readonly encoder: ReadEventEncoder,
    private readonly request: StreamSubscriptionRequest,
    active: ActiveCalls,
  ) {
    const last = store.stream(request.streamName)?.lastRevision ?? -1;
    const from = request.from === 'start' ? -1 : request.from === 'end' ? last : request.from;
    this.next = from + 1;
    this.lastDelivered = from;
    this.cleanups.push(
      store.onStreamChange(request.streamName, () => void this.pump()),
      active.add(() => isGone(call) || call.emit('error', rpcError(status.UNAVAILABLE, 'Server is shutting down.'))),
    );
    const stop = () => this.cleanups.splice(0).forEach((cleanup) => cleanup());
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
  }

  start(): void {
    this.call.write(confirmation(randomUUID()));
    void this.pump();
  }

  /** Never rejects: a failure ends this subscription with INTERNAL instead of the process. */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { store, call, request } = this;
      while (!isGone(call)) {
        const stream = store.stream(request.streamName);
        if (stream && this.next <= stream.lastRevision) {
          const revision = this.next++;
          // Metadata (truncation, max count/age) shapes the catch-up only, as on the real server.
          if (!this.caughtUp && !isVisible(store, stream, revision, visibleRange(stream, Date.now()))) continue;
          const record = stream.records[revision];
          if (record < 0) continue; // removed by a scavenge while this subscription lagged behind
          const position = store.records.position[record];
          const message =
            request.resolveLinks && isLinkRecord(store, record)
              ? this.encoder.encode(resolveLink(store, record, Date.now()), record, position)
              : this.encoder.encode(record, -1, position);
          this.lastDelivered = revision;
          if (!call.write(message) && !(await waitForDrain(call))) return;
          continue;
        }
        if (store.isTombstonedName(request.streamName)) {
          if (this.caughtUp && stream && stream.tombstone >= 0) {
            const tombstone = stream.tombstone;
            call.write(this.encoder.encode(tombstone, -1, store.records.position[tombstone]));
          }
          call.emit('error', streamDeletedError(request.streamName));
          return;
        }
        if (this.caughtUp) break;
        this.caughtUp = true;
        if (!call.write(caughtUp({ revision: this.lastDelivered })) && !(await waitForDrain(call))) return;
      }
    } catch (error) {
      if (!isGone(this.call)) this.call.emit('error', rpcError(status.INTERNAL, (error as Error).message));
    } finally {
      this.running = false;
    }
  }
}
