import type { Logger } from '@nestjs/common';
import { START, eventTypeFilter, type AllStreamResolvedEvent, type AllStreamSubscription, type KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import { type EventSerializer, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckpointStore } from '../checkpoints/checkpoint.store.js';
import type { ParkedEventStore } from '../parking/parked-event.store.js';
import { isStoreOutage } from '../read-store-errors.js';
import type { EventHandlingScope } from './event-handling-scope.js';
import { isProjectionHandler, type AnySubscriber } from './event-subscriber.js';
import { exactTypesRegex, isAtOrAfter } from './positions.js';
import { backoffDelay, type SubscriptionSettings } from './subscription.settings.js';

export interface SubscriptionDependencies {
  readonly client: KurrentDBClient;
  readonly serializer: EventSerializer;
  readonly checkpoints: CheckpointStore;
  readonly parked: ParkedEventStore;
  readonly settings: SubscriptionSettings;
  readonly logger: Logger;
  readonly scope: EventHandlingScope;
}

export interface SubscriptionProgress {
  readonly name: string;
  readonly running: boolean;
  /** Position of the last event processed (or skipped by the server-side filter). */
  readonly position?: Position;
  readonly eventsProcessed: number;
  readonly eventsParked: number;
  readonly startedAt?: Date;
}

/**
 * Feeds one subscriber from $all: resumes from its stored checkpoint, lets the server filter on
 * the subscriber's event types, processes events one at a time, and moves the checkpoint only
 * after the subscriber finished with an event. Store outages are waited out; an event that keeps
 * failing for any other reason is parked so the events after it are not held up.
 */
export class CheckpointedSubscription {
  private running = false;
  private loop?: Promise<void>;
  private subscription?: AllStreamSubscription;
  private processed?: Position;
  /** A server checkpoint waiting for the events received before it to be processed. */
  private pendingCheckpoint?: Position;
  private handling = false;
  private saved?: Position;
  private unsaved = 0;
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private eventsProcessed = 0;
  private eventsParked = 0;
  private startedAt?: Date;
  private readonly progressListeners = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly storedTypes: readonly string[],
    private readonly subscriber: AnySubscriber,
    private readonly deps: SubscriptionDependencies,
  ) {}

  get filterRegex(): string {
    return exactTypesRegex(this.storedTypes);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.pendingCheckpoint = undefined;
    this.processed = this.saved = await this.deps.checkpoints.load(this.name);
    this.running = true;
    this.startedAt = new Date();
    this.eventsProcessed = 0;
    this.loop = this.consumeUntilStopped();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.loop;
    await this.requestFlush();
  }

  progress(): SubscriptionProgress {
    return {
      name: this.name,
      running: this.running,
      position: this.processed,
      eventsProcessed: this.eventsProcessed,
      eventsParked: this.eventsParked,
      startedAt: this.startedAt,
    };
  }

  /** Resolves the next time the subscription makes progress (or after `timeoutMs`). */
  nextProgress(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.progressListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.progressListeners.add(done);
    });
  }

  /** Processes a parked event again (after its cause was fixed). */
  async replay(recorded: RecordedDomainEvent): Promise<void> {
    await this.deps.scope.run(this.name, recorded, () => (this.subscriber.replay ? this.subscriber.replay(recorded) : this.deliver(recorded)));
  }

  private async consumeUntilStopped(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.consume();
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        failures++;
        this.deps.logger.warn({ msg: 'subscription interrupted; resuming from the last processed event', subscription: this.name, error: String(error) });
        await sleep(backoffDelay(this.deps.settings, failures));
      }
    }
  }

  private async consume(): Promise<void> {
    const subscription = this.deps.client.subscribeToAll({
      fromPosition: this.processed ?? START,
      filter: eventTypeFilter({
        regex: this.filterRegex,
        // The server reports its position while it skips events of other types, so the
        // checkpoint moves even when this subscriber has nothing to do.
        checkpointReached: (_subscription, position) => this.checkpointReached(subscription, position),
      }),
    });
    this.subscription = subscription;
    for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
      if (!this.running) break;
      await this.process(resolved);
    }
  }

  private async process(resolved: AllStreamResolvedEvent): Promise<void> {
    this.handling = true;
    try {
      const recorded = resolved.event && this.deps.serializer.deserialize(resolved.event);
      if (recorded) await this.deps.scope.run(this.name, recorded, () => this.handleWithRetries(recorded));
      if (resolved.event?.position) this.advance(resolved.event.position);
    } finally {
      this.handling = false;
    }
    this.applyPendingCheckpoint(this.subscription);
  }

  /**
   * The client calls this as soon as the checkpoint arrives, while events the server sent before
   * it may still wait, unprocessed, in the subscription's buffer: moving the position now could
   * skip them after a crash. So it moves only once nothing received before it is left.
   */
  private checkpointReached(subscription: AllStreamSubscription, position: Position): void {
    this.pendingCheckpoint = position;
    this.applyPendingCheckpoint(subscription);
  }

  private applyPendingCheckpoint(subscription: AllStreamSubscription | undefined): void {
    if (!this.pendingCheckpoint || this.handling || (subscription?.readableLength ?? 0) > 0) return;
    const position = this.pendingCheckpoint;
    this.pendingCheckpoint = undefined;
    this.advance(position);
  }

  private async handleWithRetries(recorded: RecordedDomainEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deliver(recorded);
        this.eventsProcessed++;
        return;
      } catch (error) {
        if (!this.running) throw error;
        if (!isStoreOutage(error) && attempt >= this.deps.settings.maxAttempts) {
          await this.park(recorded, error, attempt);
          return;
        }
        this.deps.logger.warn({ msg: 'event handling failed; retrying', subscription: this.name, eventId: recorded.eventId, attempt, error: String(error) });
        await sleep(backoffDelay(this.deps.settings, isStoreOutage(error) ? Math.min(attempt, 8) : attempt));
      }
    }
  }

  private async park(recorded: RecordedDomainEvent, error: unknown, attempts: number): Promise<void> {
    this.deps.logger.error({ msg: 'event parked', subscription: this.name, eventId: recorded.eventId, type: recorded.storedType, error: String(error) });
    await this.deps.parked.park(this.name, recorded, error, attempts);
    this.eventsParked++;
    await this.subscriber.onParked?.(recorded, error);
  }

  private deliver(recorded: RecordedDomainEvent): Promise<void> {
    return isProjectionHandler(this.subscriber) ? this.subscriber.project([recorded]) : this.subscriber.handle(recorded);
  }

  private advance(position: Position): void {
    if (isAtOrAfter(this.processed, position)) return;
    this.processed = position;
    this.unsaved++;
    for (const listener of [...this.progressListeners]) listener();
    if (this.unsaved >= this.deps.settings.checkpointEveryEvents) void this.requestFlush();
    else this.flushTimer ??= setTimeout(() => void this.requestFlush(), this.deps.settings.checkpointEveryMs);
  }

  /** Checkpoint writes are chained so an older position can never land after a newer one. */
  private requestFlush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushing = this.flushing
      .then(() => this.flush())
      .catch((error: unknown) => {
        this.deps.logger.warn({ msg: 'checkpoint not saved; will retry', subscription: this.name, error: String(error) });
        if (this.running) this.flushTimer ??= setTimeout(() => void this.requestFlush(), this.deps.settings.checkpointEveryMs);
      });
    return this.flushing;
  }

  private async flush(): Promise<void> {
    const position = this.processed;
    if (!position || position === this.saved) return;
    this.unsaved = 0;
    await this.deps.checkpoints.save(this.name, position);
    this.saved = position;
  }
}
