import {
  PersistentSubscriptionDoesNotExistError,
  PersistentSubscriptionMaximumSubscribersReachedError,
  type KurrentDBClient,
  type PersistentSubscriptionToAll,
  type PersistentSubscriptionToAllResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventSerializer, RecordedDomainEvent } from '@openbank/event-sourcing';
import { LRUCache } from 'lru-cache';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '../read-side.settings.js';
import type { ConsumerGroup } from './consumer-group.js';
import { ConsumerStopping, deliverBatch, deliverOne, type DeliveryContext } from './member-delivery.js';
import { ensureGroup } from './server-groups.js';

/** What this process's consumer of a group is doing. */
export type ConsumerState = 'stopped' | 'consuming' | 'standby' | 'reconnecting';

export interface GroupConsumerProgress {
  readonly state: ConsumerState;
  readonly eventsReceived: number;
  readonly batches: number;
  readonly startedAt?: Date;
}

/**
 * This process's consumer of one group: creates the group on the server if it is missing, receives
 * what the server hands it, decodes each event once, delivers it to the group's members and only
 * then acknowledges it. A batch is whatever has arrived, up to the group's bound: no added wait
 * when quiet, large batches under load. When the connection drops, what was not acknowledged is
 * handed out again (to this or another consumer); members are idempotent, so that applies nothing
 * twice. A group that takes a single consumer (a sink) finds this one on standby while another
 * process holds it, taking over within a second of that one going away.
 */
export class GroupConsumer {
  private state: ConsumerState = 'stopped';
  private subscription?: PersistentSubscriptionToAll;
  private loop?: Promise<void>;
  private stopping = new AbortController();
  private eventsReceived = 0;
  private batches = 0;
  private startedAt?: Date;
  /** The stored event types some member of the group takes. */
  private readonly takenTypes: ReadonlySet<string>;
  /** Ids acknowledged lately: the server may send one again after its message timeout. */
  private readonly acknowledged = new LRUCache<string, true>({ max: 20_000 });

  constructor(
    readonly group: ConsumerGroup,
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
    private readonly delivery: Omit<DeliveryContext, 'stopping'>,
    private readonly stateChanged: (group: string, state: ConsumerState) => void = () => undefined,
  ) {
    this.takenTypes = new Set(group.members.flatMap((member) => [...member.storedTypes]));
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.stopping = new AbortController();
    this.setState('reconnecting');
    this.startedAt = new Date();
    this.eventsReceived = this.batches = 0;
    // A projector starting while the event store is away waits for it, as for a connection lost
    // later: the loop creates the group once the server answers that it is missing.
    await ensureGroup(this.client, this.group).catch((error: unknown) => {
      this.delivery.logger.warn({ msg: 'consumer group not ensured: the event store cannot be reached yet; retrying', group: this.group.name, error: String(error) });
    });
    this.loop = this.consumeUntilStopped();
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.setState('stopped');
    this.stopping.abort();
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.loop;
  }

  progress(): GroupConsumerProgress {
    return { state: this.state, eventsReceived: this.eventsReceived, batches: this.batches, startedAt: this.startedAt };
  }

  private setState(state: ConsumerState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateChanged(this.group.name, state);
  }

  private get running(): boolean {
    return !this.stopping.signal.aborted;
  }

  private async consumeUntilStopped(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.consume();
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        if (error instanceof PersistentSubscriptionMaximumSubscribersReachedError) {
          this.setState('standby');
          await this.wait(this.delivery.settings.standbyRetryMs);
          continue;
        }
        this.setState('reconnecting');
        failures++;
        this.delivery.logger.warn({ msg: 'consumer group connection lost; reconnecting', group: this.group.name, error: String(error) });
        if (error instanceof PersistentSubscriptionDoesNotExistError) await ensureGroup(this.client, this.group).catch(() => undefined);
        await this.wait(backoffDelay(this.delivery.settings, failures));
      }
    }
  }

  private async consume(): Promise<void> {
    // The client's stream holds 16 events by default, and once it is full the connection stops
    // reading: a batch would then be only what one HTTP/2 window carries (about 60 events). Room
    // for the group's whole buffer keeps events arriving while a batch is written. The server hands
    // out no more than that buffer unacknowledged, which bounds the memory this takes.
    const subscription = this.client.subscribeToPersistentSubscriptionToAll(
      this.group.serverName,
      { bufferSize: this.group.bufferSize },
      { highWaterMark: this.group.bufferSize },
    );
    this.subscription = subscription;
    subscription.once('confirmation', () => {
      if (this.running) this.setState('consuming');
    });
    try {
      if (this.group.delivery === 'per-stream') await this.consumeStreamsSideBySide(subscription);
      else await this.consumeInBatches(subscription);
    } catch (error) {
      if (error instanceof ConsumerStopping) return;
      throw error;
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
    // The server ended the call (it is shutting down, or the group was deleted): connect again.
    if (this.running) throw new Error('the server ended the subscription');
  }

  /**
   * Whatever has arrived, up to the group's bound, is processed as one batch; the next waits for
   * it. Under load, a projection batch that has taken everything waiting lingers once for more:
   * each batch costs a write per collection, whatever its size.
   */
  private async consumeInBatches(subscription: PersistentSubscriptionToAll): Promise<void> {
    const batches = this.group.delivery === 'batches';
    const maxBatch = batches ? this.delivery.settings.maxBatchEvents : 1;
    const lingerMs = batches ? this.delivery.settings.batchLingerMs : 0;
    let batch: PersistentSubscriptionToAllResolvedEvent[] = [];
    let lastArrival = -Infinity;
    let underLoad = false;
    let lingered = false;
    for await (const resolved of subscription) {
      const arrived = performance.now();
      underLoad ||= arrived - lastArrival < lingerMs;
      lastArrival = arrived;
      batch.push(resolved);
      if (batch.length < maxBatch && subscription.readableLength > 0) continue;
      if (underLoad && !lingered && batch.length < maxBatch) {
        lingered = true;
        await sleep(lingerMs);
        if (subscription.readableLength > 0) continue;
      }
      await this.process(subscription, batch);
      batch = [];
      underLoad = lingered = false;
    }
  }

  /**
   * Each event is processed as soon as it arrives, after the events of its stream that came before
   * it, and acknowledged on its own: a slow stream holds up no other. The server hands out no more
   * than the group's buffer of unacknowledged events, which bounds how many run at once.
   */
  private async consumeStreamsSideBySide(subscription: PersistentSubscriptionToAll): Promise<void> {
    const streams = new Map<string, Promise<void>>();
    let failure: { error: unknown } | undefined;
    // Events no member takes (most of $all, for a process manager) are acknowledged together.
    let untaken: PersistentSubscriptionToAllResolvedEvent[] = [];
    for await (const resolved of subscription) {
      if (failure) break;
      if (this.takes(resolved)) {
        const stream = resolved.event!.streamId;
        const processed = (streams.get(stream) ?? Promise.resolve()).then(() => this.process(subscription, [resolved])).catch((error: unknown) => void (failure ??= { error }));
        streams.set(stream, processed);
        void processed.then(() => streams.get(stream) === processed && streams.delete(stream));
      } else untaken.push(resolved);
      if (untaken.length > 0 && (untaken.length >= this.group.bufferSize || subscription.readableLength === 0)) {
        await this.process(subscription, untaken);
        untaken = [];
      }
    }
    await Promise.all(streams.values());
    if (failure) throw failure.error;
    if (untaken.length > 0) await this.process(subscription, untaken);
  }

  private async process(subscription: PersistentSubscriptionToAll, batch: PersistentSubscriptionToAllResolvedEvent[]): Promise<void> {
    // The group receives every event of $all; only those a member takes are worth decoding.
    const fresh = batch.filter((resolved) => this.takes(resolved) && !this.acknowledged.has(resolved.event!.id));
    // Undefined for what is not one of the bank's domain events (a snapshot, say).
    const decoded = await Promise.all(fresh.map((resolved) => this.serializer.decode(resolved.event!)));
    const records = unique(decoded.flatMap((record) => (record ? [record] : [])));
    const context: DeliveryContext = { ...this.delivery, stopping: this.stopping.signal };
    if (this.group.delivery === 'batches') await this.deliverBatches(records, context);
    else for (const record of records) await Promise.all(this.takers(record).map((member) => deliverOne(member, record, context)));
    await subscription.ack(...batch);
    for (const resolved of batch) if (resolved.event) this.acknowledged.set(resolved.event.id, true);
    this.eventsReceived += batch.length;
    this.batches++;
  }

  /** Each projection gets, in order, the events of the batch it takes; projections work side by side. */
  private async deliverBatches(records: readonly RecordedDomainEvent[], context: DeliveryContext): Promise<void> {
    await Promise.all(
      this.group.members.map((member) => {
        const taken = records.filter((record) => member.storedTypes.has(record.storedType));
        return taken.length > 0 ? deliverBatch(member, taken, context) : undefined;
      }),
    );
  }

  private takes(resolved: PersistentSubscriptionToAllResolvedEvent): boolean {
    return resolved.event !== undefined && this.takenTypes.has(resolved.event.type);
  }

  private takers(record: RecordedDomainEvent) {
    return this.group.members.filter((member) => member.storedTypes.has(record.storedType));
  }

  private async wait(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}

/** A batch may hold an event twice (sent again after a timeout while the first copy waited). */
function unique(records: readonly RecordedDomainEvent[]): RecordedDomainEvent[] {
  const seen = new Set<string>();
  return records.filter((record) => !seen.has(record.eventId) && seen.add(record.eventId));
}

