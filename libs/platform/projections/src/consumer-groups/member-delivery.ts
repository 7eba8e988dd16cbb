import type { Logger } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParkedEventStore } from '../parking/parked-event.store.js';
import { backoffDelay, type ReadSideSettings } from '../read-side.settings.js';
import { isStoreOutage } from '../read-store-errors.js';
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

/** Outages are waited out however long they last; their attempts are never counted towards parking. */
const outageAttempt = (attempt: number) => Math.min(attempt, 8);

/**
 * Applies a batch to a projection in one call. If that fails for any reason but a store outage,
 * the batch is applied event by event instead, so that only the event at fault is parked.
 */
export async function deliverBatch(member: GroupMember, records: readonly RecordedDomainEvent[], context: DeliveryContext): Promise<void> {
  const projection = member.instance;
  if (!isProjectionHandler(projection)) throw new Error(`${member.metadata.name} takes events one at a time`);
  const name = member.metadata.name;
  // Alone in its batch (a quiet moment), the event is handled in its own logging and tracing scope.
  const applyAll = () => (records.length === 1 ? context.scope.run(name, records[0], () => projection.project(records)) : projection.project(records));
  for (let attempt = 1; ; attempt++) {
    try {
      await applyAll();
      return;
    } catch (error) {
      if (context.stopping.aborted) throw new ConsumerStopping();
      if (!isStoreOutage(error)) break;
      context.logger.warn({ msg: 'store unavailable while projecting; waiting', subscription: name, events: records.length, attempt, error: String(error) });
      await pause(context, outageAttempt(attempt));
    }
  }
  for (const record of records) await deliverOne(member, record, context);
}

/** Hands one event to a member, retrying with backoff; parks it after `maxAttempts` failures other than outages. */
export async function deliverOne(member: GroupMember, record: RecordedDomainEvent, context: DeliveryContext): Promise<void> {
  const subscriber = member.instance;
  const name = member.metadata.name;
  const work = () => (isProjectionHandler(subscriber) ? subscriber.project([record]) : subscriber.handle(record));
  await context.scope.run(name, record, async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        if (context.stopping.aborted) throw new ConsumerStopping();
        const outage = isStoreOutage(error);
        if (!outage && attempt >= context.settings.maxAttempts) return park(member, record, error, attempt, context);
        context.logger.warn({ msg: 'event handling failed; retrying', subscription: name, eventId: record.eventId, attempt, error: String(error) });
        await pause(context, outage ? outageAttempt(attempt) : attempt);
      }
    }
  });
}

/** Sets the event aside in the bank's parked list (waiting out an outage of that list too), then tells the member. */
async function park(member: GroupMember, record: RecordedDomainEvent, error: unknown, attempts: number, context: DeliveryContext): Promise<void> {
  const name = member.metadata.name;
  context.logger.error({ msg: 'event parked', subscription: name, eventId: record.eventId, type: record.storedType, error: String(error) });
  for (let attempt = 1; ; attempt++) {
    try {
      await context.parked.park(name, record, error, attempts);
      await member.instance.onParked?.(record, error);
      return;
    } catch (failure) {
      if (context.stopping.aborted) throw new ConsumerStopping();
      context.logger.warn({ msg: 'event not parked yet; retrying', subscription: name, eventId: record.eventId, attempt, error: String(failure) });
      await pause(context, outageAttempt(attempt));
    }
  }
}
