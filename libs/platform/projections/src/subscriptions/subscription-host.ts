import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { BACKWARDS, END, FORWARDS, KurrentDBClient, START, eventTypeFilter, type Position } from '@kurrent/kurrentdb-client';
import { EventSerializer, EventTypeRegistry, type EventMetadata } from '@openbank/event-sourcing';
import { domainError } from '@openbank/shared-kernel';
import { CheckpointStore } from '../checkpoints/checkpoint.store.js';
import { ParkedEventStore } from '../parking/parked-event.store.js';
import { CheckpointedSubscription, type SubscriptionProgress } from './checkpointed-subscription.js';
import { EVENT_HANDLING_SCOPE, unscopedEventHandling, type EventHandlingScope } from './event-handling-scope.js';
import { ALL_DOMAIN_EVENTS, EVENT_SUBSCRIBER, type AnySubscriber, type EventSubscriberMetadata, type SubscriberKind } from './event-subscriber.js';
import { SUBSCRIPTION_SETTINGS, type SubscriptionSettings } from './subscription.settings.js';
import { comparePositions } from './positions.js';

export interface SubscriptionLag {
  /** Matching events not processed yet (counted up to `lagCountLimit`). */
  readonly events: number;
  readonly eventsCapped: boolean;
  /** How long the oldest unprocessed event has been waiting. */
  readonly milliseconds: number;
}

export interface SubscriptionStatus extends SubscriptionProgress {
  readonly kind: SubscriberKind;
  readonly lag: SubscriptionLag;
  readonly parked: number;
  /** Position of the newest event in $all: how far a subscription far behind still has to go. */
  readonly headPosition?: Position;
}

/**
 * The lag is counted by reading the pending events, so the count stops here: a status of a
 * subscription far behind must stay cheap, or asking for it slows the catch-up it reports on.
 */
const lagCountLimit = 1_000;

/**
 * Runs one checkpointed subscription per projection and process manager found in the
 * application, and offers what operators need: status with lag, rebuild, parked events, replay.
 */
@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SubscriptionHost.name);
  private readonly subscriptions = new Map<string, { kind: SubscriberKind; subscription: CheckpointedSubscription }>();
  /** Subscribers registered in code (e.g. one per configured sink) rather than by decorator. */
  private readonly registered: { instance: AnySubscriber; metadata: EventSubscriberMetadata }[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
    private readonly registry: EventTypeRegistry,
    private readonly checkpoints: CheckpointStore,
    private readonly parked: ParkedEventStore,
    @Inject(SUBSCRIPTION_SETTINGS) private readonly settings: SubscriptionSettings,
    @Optional() @Inject(EVENT_HANDLING_SCOPE) private readonly scope: EventHandlingScope = unscopedEventHandling,
  ) {}

  /**
   * Adds a subscriber that is not a decorated provider. Call it before the application
   * bootstraps (from a provider's onModuleInit): subscriptions are created and started then.
   */
  register(metadata: EventSubscriberMetadata, instance: AnySubscriber): void {
    this.registered.push({ instance, metadata });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { instance, metadata } of this.allSubscribers()) {
      if (this.subscriptions.has(metadata.name)) throw new Error(`two subscribers are named ${metadata.name}`);
      const classes = metadata.events === ALL_DOMAIN_EVENTS ? this.registry.allEventClasses() : metadata.events;
      const subscription = new CheckpointedSubscription(metadata.name, this.registry.storedTypesFor(classes), instance, {
        client: this.client,
        serializer: this.serializer,
        checkpoints: this.checkpoints,
        parked: this.parked,
        settings: this.settings,
        logger: this.logger,
        scope: this.scope,
      });
      this.subscriptions.set(metadata.name, { kind: metadata.kind, subscription });
    }
    if (this.settings.autoStart) await Promise.all([...this.subscriptions.values()].map(({ subscription }) => subscription.start()));
  }

  /** Before the store connections close (on application shutdown), so the last checkpoints are saved. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map(({ subscription }) => subscription.stop()));
  }

  names(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Where a subscription stands right now (no store call). */
  progressOf(name: string): SubscriptionProgress {
    return this.get(name).subscription.progress();
  }

  async status(name: string, head?: Position): Promise<SubscriptionStatus> {
    const { kind, subscription } = this.get(name);
    const [lag, parked, headPosition] = await Promise.all([this.lag(subscription), this.parked.count(name), head ?? this.headPosition()]);
    return { ...subscription.progress(), kind, lag, parked, headPosition };
  }

  async statuses(): Promise<SubscriptionStatus[]> {
    const head = await this.headPosition();
    return Promise.all(this.names().map((name) => this.status(name, head)));
  }

  private async headPosition(): Promise<Position | undefined> {
    for await (const { event } of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) return event?.position;
    return undefined;
  }

  /** Drops what the subscriber wrote and processes $all again from the start. */
  async rebuild(name: string): Promise<void> {
    const { subscription } = this.get(name);
    await subscription.stop();
    await this.subscriberOf(name)?.reset?.();
    await this.checkpoints.clear(name);
    await this.parked.removeAll(name);
    await subscription.start();
  }

  async start(name: string): Promise<void> {
    await this.get(name).subscription.start();
  }

  async stop(name: string): Promise<void> {
    await this.get(name).subscription.stop();
  }

  /** Processes a parked event again; it leaves the parked list once that succeeds. */
  async replayParked(parkedId: string): Promise<void> {
    const entry = (await this.parked.list()).find((candidate) => candidate._id === parkedId);
    if (!entry) throw new ParkedEventNotFound(`no parked event ${parkedId}`, { parkedId });
    const reads = this.client.readStream(entry.stream_id, { fromRevision: BigInt(entry.revision), maxCount: 1 });
    for await (const { event } of reads) {
      const recorded = event && this.serializer.deserialize(event);
      if (recorded) await this.get(entry.subscription).subscription.replay(recorded);
    }
    await this.parked.remove(parkedId);
  }

  /**
   * Resolves once every subscription has processed (or been filtered past) `position`, or
   * rejects after `timeoutMs`. Lets callers read their own writes from the read models.
   */
  async waitUntilProcessed(position: { commit: bigint; prepare: bigint }, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const { subscription } of this.subscriptions.values()) {
      while (!(await this.hasReached(subscription, position))) {
        if (Date.now() > deadline) throw new Error(`${subscription.name} did not reach position ${position.commit} in time`);
        await subscription.nextProgress(50);
      }
    }
  }

  private async hasReached(subscription: CheckpointedSubscription, position: { commit: bigint; prepare: bigint }): Promise<boolean> {
    const processed = subscription.progress().position;
    if (processed && comparePositions(processed, position) >= 0) return true;
    // Nothing this subscriber handles lies between its position and the target: nothing to wait for.
    for await (const { event } of this.pendingEvents(subscription, 1)) {
      return event!.position !== undefined && comparePositions(event!.position, position) > 0;
    }
    return true;
  }

  private async lag(subscription: CheckpointedSubscription): Promise<SubscriptionLag> {
    let events = 0;
    let oldest: number | undefined;
    for await (const { event } of this.pendingEvents(subscription, lagCountLimit)) {
      events++;
      oldest ??= Date.parse((event?.metadata as EventMetadata | undefined)?.occurredAt ?? '') || event?.created.getTime();
    }
    return { events, eventsCapped: events >= lagCountLimit, milliseconds: oldest === undefined ? 0 : Math.max(0, Date.now() - oldest) };
  }

  /** The subscriber's events after its position, read from $all with its own filter. */
  private async *pendingEvents(subscription: CheckpointedSubscription, limit: number) {
    const from = subscription.progress().position;
    const reads = this.client.readAll({
      fromPosition: from ?? START,
      direction: FORWARDS,
      maxCount: limit + 1,
      filter: eventTypeFilter({ regex: subscription.filterRegex }),
    });
    let yielded = 0;
    for await (const resolved of reads) {
      const position = resolved.event?.position;
      // Reading $all forwards from a position includes the event at that position: already processed.
      if (from && position && comparePositions(position, from) <= 0) continue;
      if (yielded++ >= limit) return;
      yield resolved;
    }
  }

  private get(name: string) {
    const found = this.subscriptions.get(name);
    if (!found) throw new UnknownSubscription(`no subscription named ${name}`, { subscription: name });
    return found;
  }

  private subscriberOf(name: string): AnySubscriber | undefined {
    return this.allSubscribers().find(({ metadata }) => metadata.name === name)?.instance;
  }

  private allSubscribers() {
    return [...this.discoverSubscribers(), ...this.registered];
  }

  private discoverSubscribers(): { instance: AnySubscriber; metadata: EventSubscriberMetadata }[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && Reflect.getMetadata(EVENT_SUBSCRIBER, wrapper.metatype))
      .map((wrapper) => ({
        instance: wrapper.instance as AnySubscriber,
        metadata: Reflect.getMetadata(EVENT_SUBSCRIBER, wrapper.metatype!) as EventSubscriberMetadata,
      }));
  }
}

export class UnknownSubscription extends domainError('SUBSCRIPTION_NOT_FOUND', 'not-found') {}
export class ParkedEventNotFound extends domainError('PARKED_EVENT_NOT_FOUND', 'not-found') {}
