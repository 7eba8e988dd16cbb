import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { rpcError } from '../grpc/rpc-error.js';
import type { EventStore } from '../store/event-store.js';
import type { EventFilter } from '../streams/event-filter.js';
import { caughtUp, checkpoint, confirmation, isGone, waitForDrain, type ReadCall } from '../streams/read-call.js';
import type { ReadEventEncoder } from '../streams/read-event-encoder.js';
import { isLinkRecord, resolveLink } from '../streams/stream-visibility.js';
import type { ActiveCalls } from './active-calls.js';

export interface AllSubscriptionRequest {
  /** 'start', 'end' or a commit position; events strictly after it are delivered. */
  from: 'start' | 'end' | number;
  filter: EventFilter | undefined;
  resolveLinks: boolean;
}

/**
 * Catch-up subscription to `$all`. Catch-up and live are one cursor over the in-memory record
 * table: nothing is copied, a commit only wakes the cursor, and a slow client holds the cursor
 * back through gRPC flow control instead of buffering the log.
 *
 * With a filter, every considered event counts towards a checkpoint (matching or not), one
 * checkpoint goes out just before `caught_up`, and checkpoints only move forward.
 */
export class AllSubscription {
  private cursor: number;
  private considered = 0;
  private lastCheckpoint = -1;
  private lastDelivered = -1;
  private lastScanned: number;
  private caughtUp = false;
  private running = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly call: ReadCall,
    private readonly encoder: ReadEventEncoder,
    private readonly request: AllSubscriptionRequest,
    active: ActiveCalls,
  ) {
    const { records } = store;
    if (request.from === 'start') this.cursor = 0;
    else if (request.from === 'end') this.cursor = records.count;
    else this.cursor = records.firstAtOrAfter(request.from + 1);
    this.lastScanned = this.cursor > 0 ? records.position[this.cursor - 1] : -1;
    if (typeof request.from === 'number') this.lastScanned = Math.max(this.lastScanned, request.from);
    this.cleanups.push(
      store.onCommit(() => void this.pump()),
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
      const { records } = store;
      const filter = request.filter;
      while (!isGone(call)) {
        if (this.cursor >= records.count) {
          if (this.caughtUp) break;
          this.caughtUp = true;
          if (filter && this.lastScanned > this.lastCheckpoint) {
            this.lastCheckpoint = this.lastScanned;
            if (!this.call.write(checkpoint(this.lastScanned)) && !(await waitForDrain(this.call))) return;
          }
          const seen = Math.max(this.lastDelivered, this.lastCheckpoint, this.lastScanned);
          if (!this.call.write(caughtUp({ position: seen >= 0 ? seen : undefined })) && !(await waitForDrain(this.call))) return;
          continue;
        }
        const record = this.cursor++;
        if (store.isScavenged(record) || store.streamById(records.streamId[record]).hiddenFromAll) continue;
        const position = records.position[record];
        this.lastScanned = position;
        this.considered++;
        if (!filter || filter.matches(store, record)) {
          this.lastDelivered = position;
          const message =
            request.resolveLinks && isLinkRecord(store, record)
              ? this.encoder.encode(resolveLink(store, record, Date.now()), record, position)
              : this.encoder.encode(record, -1, position);
          if (!this.call.write(message) && !(await waitForDrain(this.call))) return;
        }
        if (filter && this.considered % filter.checkpointInterval === 0 && position > this.lastCheckpoint) {
          this.lastCheckpoint = position;
          if (!this.call.write(checkpoint(position)) && !(await waitForDrain(this.call))) return;
        }
      }
    } catch (error) {
      if (!isGone(this.call)) this.call.emit('error', rpcError(status.INTERNAL, (error as Error).message));
    } finally {
      this.running = false;
    }
  }
}
