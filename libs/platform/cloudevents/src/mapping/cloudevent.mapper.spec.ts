import { recordedThingPaid, thingCloudEventTypes, thingId } from '../../test/cloudevent.fixtures.js';
import { CloudEventMapper, structuredJson } from './cloudevent.mapper.js';
import { CloudEventTypeRegistry } from './cloudevent-type.registry.js';

describe('a domain event as a CloudEvent', () => {
  const registry = new CloudEventTypeRegistry();
  registry.register(thingCloudEventTypes);
  const mapper = new CloudEventMapper(registry);
  const paid = recordedThingPaid();

  it('carries the CloudEvents attributes: versioned type, event id, aggregate as subject, business time, correlation', () => {
    const event = mapper.toCloudEvent(paid);
    expect(JSON.parse(structuredJson(event))).toEqual({
      specversion: '1.0',
      id: 'c0a8012e-7d1f-4b6e-9d3c-2a4f5e6b7c8d',
      source: 'openbank',
      // The current event type decides, whatever older version it was stored under (here ThingPaidV1).
      type: 'bank.thing.paid.v2',
      subject: thingId,
      time: '2026-03-01T10:20:30.456Z',
      datacontenttype: 'application/json',
      correlationid: 'req-42',
      causationid: '1f0e2d3c-4b5a-4697-8877-665544332211',
      data: expect.any(Object),
    });
  });

  it('publishes the data in snake_case, with money as decimal strings in its currency', () => {
    expect(mapper.toCloudEvent(paid).data).toEqual({
      thing_id: thingId,
      amount_paid: { amount: '1234.56', currency: 'EUR' },
      lines: [
        { unit_price: { amount: '1500', currency: 'JPY' }, item_count: 2 },
        { unit_price: { amount: '-0.005', currency: 'BHD' }, item_count: 1 },
      ],
    });
  });

  it('refuses an event without a CloudEvent type', () => {
    expect(() => new CloudEventMapper(new CloudEventTypeRegistry()).toCloudEvent(paid)).toThrow('no CloudEvent type for ThingPaidV2');
  });
});

describe('the CloudEvent types of the application', () => {
  it('refuses a type without version, and one type for two events', () => {
    expect(() => new CloudEventTypeRegistry().register({ ThingPaidV2: 'bank.thing.paid' })).toThrow(/must look like bank.account.created.v1/);
    expect(() => new CloudEventTypeRegistry().register({ ThingPaidV2: 'Bank.Thing.Paid.v2' })).toThrow(/must look like/);
    const registry = new CloudEventTypeRegistry();
    registry.register(thingCloudEventTypes);
    expect(() => registry.register({ ThingFoundV1: 'bank.thing.paid.v2' })).toThrow('ThingFoundV1 and ThingPaidV2 are both published as bank.thing.paid.v2');
    expect(() => registry.register({ ThingPaidV2: 'bank.thing.settled.v2' })).toThrow('ThingPaidV2 is published both as bank.thing.paid.v2 and as bank.thing.settled.v2');
  });

  it('names every stored event that has no CloudEvent type', () => {
    const registry = new CloudEventTypeRegistry();
    registry.register(thingCloudEventTypes);
    expect(() => registry.assertCovers(['ThingPaidV2', 'ThingLostV1'])).not.toThrow();
    expect(() => registry.assertCovers(['ThingPaidV2', 'ThingStolenV1', 'ThingFoundV1'])).toThrow(/^no CloudEvent type for ThingFoundV1, ThingStolenV1: /);
  });
});
