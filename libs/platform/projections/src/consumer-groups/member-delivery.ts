import type { Logger } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParkedEventStore } from '../parking/parked-event.store.js';
import { backoffDelay, type ReadSideSettings } from '../read-side.settings.js';
import { failureKind, type FailureKind } from '../failures.js';
import type { EventHandlingScope } from '../subscribers/event-handling-scope.js';
import { isProjectionHandler } from '../subscribers/event-subscriber.js';
import type { GroupMember } from './consumer-group.js';

/** The consumer was asked to stop while a member worked: nothing was acknowledged, nothing parked. */
export class ConsumerStopping extends Error {
  constructor() {
    super('the consumer is stopping');
    this.name = 'ConsumerStopping';
  }
}

export interface DeliveryContext {
  readonly settings: ReadSideSettings;
  readonly parked: ParkedEventStore;
  readonly scope: EventHandlingScope;
  readonly logger: Logger;
  /** Aborted when the consumer stops: waits end at once. */
  readonly stopping: AbortSignal;
}

/** A wait between attempts that ends early, as ConsumerStopping, when the consumer stops. */
async function pause(context: DeliveryContext, attempt: number): Promise<void> {
  await sleep(backoffDelay(context.settings, attempt), undefined, { signal: context.stopping }).catch(() => {
    throw new ConsumerStopping();
  });
}

/** What an outage error wraps (the client's own error), for the log line: the wrapper alone says little. */
function causeOf(error: unknown): { cause?: string } {
  return error instanceof Error && error.cause !== undefined ? { cause: String(error.cause) } : {};
}

/** A failure that no longer calls for another try: permanent, or temporary past the retries allowed. */
interface GaveUp {
  readonly error: unknown;
  readonly kind: FailureKind;
  readonly attempts: number;
}

/**
 * Runs `work` until it succeeds, waiting with capped exponential backoff after each failure worth
 * another try: a store outage however long it lasts (never counted), a temporary failure up to
 * `maxRetries` times (0: as long as it lasts). Resolves with the failure it gave up on, at once
 * for a permanent one.
 */
async function untilDone(work: () => Promise<unknown>, context: DeliveryContext, about: Record<string, unknown>): Promise<GaveUp | undefined> {
  const { maxRetries } = context.settings;
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return undefined;
    } catch (error) {
      if (context.stopping.aborted) throw new ConsumerStopping();
      const kind = failureKind(error);
      if (kind === 'permanent' || (kind === 'temporary' && maxRetries > 0 && retries >= maxRetries)) return { error, kind, attempts: attempt };
      if (kind === 'temporary') retries++;
      const msg = kind === 'outage' ? 'store unavailable; waiting' : 'temporary failure; retrying';
      context.logger.warn({ msg, ...about, attempt, error: String(error), ...causeOf(error) });
      await pause(context, attempt);
    }
  }
}

/**
 * Applies a batch to a projection in one call, waiting out what calls for waiting. If it gives up
 * (a permanent failure), the batch is applied event by event instead, so that only the event at
 * fault is parked; a batch of one event is that event, parked at once.
 */
export async function deliverBatch(member: GroupMember, records: readonly RecordedDomainEvent[], context: DeliveryContext): Promise<void> {
  const projection = member.instance;
  if (!isProjectionHandler(projection)) throw new Error(`${member.metadata.name} takes events one at a time`);
  const name = member.metadata.name;
  if (records.length === 1) return deliverOne(member, records[0], context);
  const gaveUp = await untilDone(() => projection.project(records), context, { subscription: name, events: records.length });
  if (gaveUp) for (const record of records) await deliverOne(member, record, context);
}

/** Hands one event to a member, in its own logging and tracing scope; parks it when its failure calls for no other try. */
export async function deliverOne(member: GroupMember, record: RecordedDomainEvent, context: DeliveryContext): Promise<void> {
  const subscriber = member.instance;
  const name = member.metadata.name;
  const work = () => (isProjectionHandler(subscriber) ? subscriber.project([record]) : subscriber.handle(record));
  await context.scope.run(name, record, async () => {
    const gaveUp = await untilDone(work, context, { subscription: name, eventId: record.eventId });
    if (gaveUp) await park(member, record, gaveUp, context);
  });
}

/** Sets the event aside in the bank's parked list (waiting out an outage of that list too), then tells the member. */
async function park(member: GroupMember, record: RecordedDomainEvent, { error, kind, attempts }: GaveUp, context: DeliveryContext): Promise<void> {
  const name = member.metadata.name;
  const msg = kind === 'permanent' ? 'event parked: a permanent failure' : 'event parked: a temporary failure outlasted its retries';
  context.logger.error({ msg, subscription: name, eventId: record.eventId, type: record.storedType, attempts, error: String(error) });
  for (let attempt = 1; ; attempt++) {
    try {
      await context.parked.park(name, record, error, attempts);
      await member.instance.onParked?.(record, error);
      return;
    } catch (failure) {
      if (context.stopping.aborted) throw new ConsumerStopping();
      context.logger.warn({ msg: 'event not parked yet; retrying', subscription: name, eventId: record.eventId, attempt, error: String(failure) });
      await pause(context, attempt);
    }
  }
}
