import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { domainEvent, type MoneyJson } from '@openbank/shared-kernel';
import type { CloudEventTypes } from '../src/mapping/cloudevent-types.js';

/** A small event with what real events carry: ids, nested objects, lists and money in several currencies. */
export class ThingPaidV2 extends domainEvent('ThingPaidV2')<{
  thingId: string;
  amountPaid: MoneyJson;
  lines: { unitPrice: MoneyJson; itemCount: number }[];
  note?: string;
}>() {}

export class ThingLostV1 extends domainEvent('ThingLostV1')<{ thingId: string }>() {}

export const thingCloudEventTypes: CloudEventTypes<ThingPaidV2 | ThingLostV1> = {
  ThingPaidV2: 'bank.thing.paid.v2',
  ThingLostV1: 'bank.thing.lost.v1',
};

export const thingId = '5b0c6a52-2f53-4c2b-9a57-0d3b1f7e9a10';

/** A ThingPaidV2 as read back from the store (as a subscription hands it over). */
export function recordedThingPaid(eventId = 'c0a8012e-7d1f-4b6e-9d3c-2a4f5e6b7c8d'): RecordedDomainEvent<ThingPaidV2> {
  return {
    event: new ThingPaidV2({
      thingId,
      amountPaid: { minor: 123456, currency: 'EUR' },
      lines: [
        { unitPrice: { minor: 1500, currency: 'JPY' }, itemCount: 2 },
        { unitPrice: { minor: -5, currency: 'BHD' }, itemCount: 1 },
      ],
    }),
    eventId,
    streamId: `thing-${thingId}`,
    revision: 3n,
    position: { commit: 100n, prepare: 100n },
    metadata: {
      correlationId: 'req-42',
      causationId: '1f0e2d3c-4b5a-4697-8877-665544332211',
      aggregateType: 'Thing',
      aggregateId: thingId,
      occurredAt: '2026-03-01T10:20:30.456Z',
      principal: 'anonymous',
    },
    storedType: 'ThingPaidV1',
  };
}
