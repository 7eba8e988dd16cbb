import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import { EventSerializer, EventTypeRegistry } from '@openbank/event-sourcing';
import { domainError } from '@openbank/shared-kernel';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { processGroup, projectionsGroup, sinkGroup, type ConsumerGroup, type GroupMember } from './consumer-groups/consumer-group.js';
import { GroupConsumer, type ConsumerState, type GroupConsumerProgress } from './consumer-groups/group-consumer.js';
import { SupersededGroups } from './consumer-groups/superseded-groups.js';
import type { DeliveryContext } from './consumer-groups/member-delivery.js';
import { ParkedEventStore } from './parking/parked-event.store.js';
import { READ_SIDE_SETTINGS, type ReadSideSettings } from './read-side.settings.js';
import { RebuildJobs } from './rebuilds/rebuild-jobs.js';
import { RebuildRunner } from './rebuilds/rebuild-runner.js';
import type { RebuildState } from './rebuilds/rebuild-job.schema.js';
import { groupStatus, type GroupStatus } from './status/group-status.js';
import { comparePositions, headOfAll } from './status/positions.js';
import { EVENT_HANDLING_SCOPE, unscopedEventHandling, type EventHandlingScope } from './subscribers/event-handling-scope.js';
import { ALL_DOMAIN_EVENTS, EVENT_SUBSCRIBER, isProjectionHandler, type AnySubscriber, type EventSubscriberMetadata, type SubscriberKind } from './subscribers/event-subscriber.js';

export interface RebuildStatus {
  readonly state: RebuildState;
  readonly events: number;
  readonly position?: bigint;
  readonly requestedAt: Date;
  /** When a projector first claimed it. */
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
}

/** One projection, process or sink, with the status of the group that feeds it. */
export interface SubscriptionStatus extends GroupStatus {
  readonly name: string;
  readonly kind: SubscriberKind;
  readonly group: string;
  /** At least one consumer of its group is connected, in some process. */
  readonly running: boolean;
  readonly headPosition?: Position;
  readonly parked: number;
  /** This process's own consumer of the group, where this process is a projector. */
  readonly consumer?: GroupConsumerProgress;
  readonly rebuild?: RebuildStatus;
}


/**
 * The read side as one object: finds every `@Projection`, `@ProcessManager` and registered sink,
 * puts them in consumer groups (see consumer-group.ts) and, in a projector, consumes those groups
 * and runs rebuilds. In every process it answers what operators ask: status from the server's own
 * figures, rebuild requests, replays of parked events.
 */
@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadSide');
  private readonly registered: { instance: AnySubscriber; metadata: EventSubscriberMetadata }[] = [];
  private readonly members = new Map<string, { member: GroupMember; group: ConsumerGroup }>();
  private readonly consumers = new Map<string, GroupConsumer>();
  private groups: ConsumerGroup[] = [];
  private rebuilds?: { runner: RebuildRunner; stopping: AbortController };
  private readonly stateListeners = new Set<() => void>();
  /** Groups earlier versions of the subscribers left on the server, for operators to delete. */
  readonly superseded: SupersededGroups;
  /** Tells this application apart (several may share a Node process in tests): in rebuild claims and in `openbank status`. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
    private readonly registry: EventTypeRegistry,
    private readonly parked: ParkedEventStore,
    private readonly jobs: RebuildJobs,
    @Inject(READ_SIDE_SETTINGS) private readonly settings: ReadSideSettings,
    @Optional() @Inject(EVENT_HANDLING_SCOPE) private readonly scope: EventHandlingScope = unscopedEventHandling,
  ) {
    this.superseded = new SupersededGroups(client, () => this.groups);
  }

  /** Adds a subscriber that is not a decorated provider (a sink). Call it before the application bootstraps. */
  register(metadata: EventSubscriberMetadata, instance: AnySubscriber): void {
    this.registered.push({ instance, metadata });
  }

  get consuming(): boolean {
    return this.settings.role === 'consume';
  }

  async onApplicationBootstrap(): Promise<void> {
    this.groups = this.formGroups();
    if (!this.consuming) return;
    const stateChanged = () => this.stateListeners.forEach((listener) => listener());
    for (const group of this.groups) this.consumers.set(group.name, new GroupConsumer(group, this.client, this.serializer, this.deliveryBase(), stateChanged));
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.start()));
    this.startRebuilds();
  }

  /** Before the store connections close: what is in flight is finished or handed back. */
  async beforeApplicationShutdown(): Promise<void> {
    this.rebuilds?.stopping.abort();
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
    await this.rebuilds?.runner.stopped();
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  groupNames(): string[] {
    return this.groups.map((group) => group.name);
  }

  /** Calls `listener` whenever one of this process's consumers changes what it is doing. */
  onConsumerStateChange(listener: () => void): void {
    this.stateListeners.add(listener);
  }

  /** What this process's consumer of a group is doing; undefined where this process does not consume. */
  consumerState(group: string): ConsumerState | undefined {
    return this.consumers.get(group)?.progress().state;
  }

  async statuses(): Promise<SubscriptionStatus[]> {
    const heads = new HeadsOfAll(this.client);
    const byGroup = new Map(
      await Promise.all(
        this.groups.map(async (group) => {
          const head = await heads.of(group);
          return [group.name, { status: await groupStatus(this.client, group, head), head }] as const;
        }),
      ),
    );
    return Promise.all(
      this.names().map((name) => {
        const { status, head } = byGroup.get(this.get(name).group.name)!;
        return this.statusOf(name, status, head);
      }),
    );
  }

  async status(name: string): Promise<SubscriptionStatus> {
    const { group } = this.get(name);
    const head = await new HeadsOfAll(this.client).of(group);
    return this.statusOf(name, await groupStatus(this.client, group, head), head);
  }

  /** Starts this process's consumer of the group that feeds `name` (a subscriber or a group). */
  async start(name: string): Promise<void> {
    await this.consumerOf(name).start();
  }

  /** Stops this process's consumer of the group that feeds `name`: every member of that group stops here. */
  async stop(name: string): Promise<void> {
    await this.consumerOf(name).stop();
  }

  /**
   * Asks for a projection to be rebuilt: the projector that claims the job drops what it wrote and
   * applies $all to it again from the start; its live events keep being applied meanwhile
   * (revision guards make the order harmless).
   */
  async rebuild(name: string): Promise<void> {
    const { member } = this.get(name);
    if (member.metadata.kind !== 'projection') throw new NotRebuildable(`${name} is a ${member.metadata.kind}: only projections can be rebuilt`, { subscription: name });
    await this.parked.removeAll(name);
    await this.jobs.request(name);
  }

  /** Processes a parked event again, in this process; it leaves the parked list once that succeeds. */
  async replayParked(parkedId: string): Promise<void> {
    const entry = await this.parked.find(parkedId);
    if (!entry) throw new ParkedEventNotFound(`no parked event ${parkedId}`, { parkedId });
    const { member } = this.get(entry.subscription);
    for await (const { event } of this.client.readStream(entry.stream_id, { fromRevision: BigInt(entry.revision), maxCount: 1 })) {
      const recorded = event && (await this.serializer.decode(event));
      if (!recorded) continue;
      const subscriber = member.instance;
      await this.scope.run(entry.subscription, recorded, () =>
        subscriber.replay ? subscriber.replay(recorded) : isProjectionHandler(subscriber) ? subscriber.project([recorded]) : subscriber.handle(recorded),
      );
    }
    await this.parked.remove(parkedId);
  }

  /**
   * Resolves once every group has processed `position` (or the group of `name` only), or rejects
   * after `timeoutMs`: lets a caller read its own writes from the read models.
   */
  async waitUntilProcessed(position: Position, { timeoutMs = 10_000, name }: { timeoutMs?: number; name?: string } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const groups = name ? [this.get(name).group] : this.groups;
    const heads = new HeadsOfAll(this.client);
    for (const group of groups) {
      // A group filtered by type has nothing to process after the newest event it takes.
      const head = await heads.of(group);
      if (!head) continue;
      const target = comparePositions(head, position) < 0 ? head : position;
      while (!(await groupStatus(this.client, group, target)).caughtUp) {
        if (Date.now() > deadline) throw new Error(`${group.name} did not process position ${position.commit} in time`);
        await sleep(20);
      }
    }
  }

  private async statusOf(name: string, status: GroupStatus, head: Position | undefined): Promise<SubscriptionStatus> {
    const { member, group } = this.get(name);
    const [parked, rebuild] = await Promise.all([this.parked.count(name), member.metadata.kind === 'projection' ? this.rebuildOf(name) : undefined]);
    const rebuilding = rebuild !== undefined && rebuild.state !== 'done';
    return {
      ...status,
      caughtUp: status.caughtUp && !rebuilding,
      name,
      kind: member.metadata.kind,
      group: group.name,
      running: status.consumers > 0,
      headPosition: head,
      parked,
      consumer: this.consumers.get(group.name)?.progress(),
      rebuild,
    };
  }

  private async rebuildOf(name: string): Promise<RebuildStatus | undefined> {
    const job = await this.jobs.find(name);
    if (!job) return undefined;
    return {
      state: job.state,
      events: job.events,
      position: job.position_commit ? BigInt(job.position_commit) : undefined,
      requestedAt: job.requested_at,
      startedAt: job.started_at ?? undefined,
      finishedAt: job.finished_at ?? undefined,
    };
  }

  private startRebuilds(): void {
    const projections = new Map([...this.members].filter(([, { group }]) => group.delivery === 'batches').map(([name, { member }]) => [name, member]));
    const stopping = new AbortController();
    const delivery: DeliveryContext = { ...this.deliveryBase(), stopping: stopping.signal };
    const runner = new RebuildRunner(projections, this.jobs, this.client, this.serializer, delivery, this.instanceId);
    this.rebuilds = { runner, stopping };
    runner.start();
  }

  private deliveryBase(): Omit<DeliveryContext, 'stopping'> {
    return { settings: this.settings, parked: this.parked, scope: this.scope, logger: this.logger };
  }

  /** Every projection in one batched group; each process manager and each sink in a group of its own. */
  private formGroups(): ConsumerGroup[] {
    const all = [...this.discoverSubscribers(), ...this.registered].map(({ instance, metadata }): GroupMember => {
      if (this.members.has(metadata.name)) throw new Error(`two subscribers are named ${metadata.name}`);
      const classes = metadata.events === ALL_DOMAIN_EVENTS ? this.registry.allEventClasses() : metadata.events;
      return { metadata, instance, storedTypes: new Set(this.registry.storedTypesFor(classes)) };
    });
    const projections = all.filter((member) => member.metadata.kind === 'projection');
    const groups = [
      ...(projections.length > 0 ? [projectionsGroup(projections, this.settings.maxBatchEvents)] : []),
      ...all.filter((member) => member.metadata.kind === 'process').map(processGroup),
      ...all.filter((member) => member.metadata.kind === 'sink').map(sinkGroup),
    ];
    for (const group of groups) for (const member of group.members) this.members.set(member.metadata.name, { member, group });
    return groups;
  }

  private consumerOf(name: string): GroupConsumer {
    const groupName = this.groups.some((group) => group.name === name) ? name : this.get(name).group.name;
    const consumer = this.consumers.get(groupName);
    if (!consumer) throw new Error(`this process does not consume ${groupName} (it is not a projector)`);
    return consumer;
  }

  private get(name: string) {
    const found = this.members.get(name);
    if (!found) throw new UnknownSubscription(`no subscription named ${name}`, { subscription: name });
    return found;
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
export class NotRebuildable extends domainError('SUBSCRIPTION_NOT_REBUILDABLE', 'conflict') {}

/** The newest event each group's filter lets through, read once per filter. */
class HeadsOfAll {
  private readonly read = new Map<string, Promise<Position | undefined>>();

  constructor(private readonly client: KurrentDBClient) {}

  of(group: ConsumerGroup): Promise<Position | undefined> {
    const key = JSON.stringify(group.filter);
    let head = this.read.get(key);
    if (!head) this.read.set(key, (head = headOfAll(this.client, group.filter)));
    return head;
  }
}
