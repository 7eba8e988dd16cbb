import { domainEvent } from '@openbank/shared-kernel';
import { EventTypeRegistry } from './event-type-registry.js';

class ThingNamedV3 extends domainEvent('ThingNamedV3')<{ fullName: string; language: string }>() {}

/** Three generations of one event: V1 → V2 → V3, chained. */
const v1ToV2 = { fromType: 'ThingNamedV1', toType: 'ThingNamedV2', upcast: (data: { name: string }) => ({ fullName: data.name }) };
const v2ToV3 = { fromType: 'ThingNamedV2', toType: 'ThingNamedV3', upcast: (data: { fullName: string }) => ({ ...data, language: 'en' }) };

describe('EventTypeRegistry', () => {
  const registry = new EventTypeRegistry();
  registry.registerEvents([ThingNamedV3]);
  registry.registerUpcasters([v1ToV2, v2ToV3]);

  it('revives the current version as it is', () => {
    const event = registry.revive('ThingNamedV3', { fullName: 'x', language: 'fr' });
    expect(event).toBeInstanceOf(ThingNamedV3);
    expect(event?.data).toEqual({ fullName: 'x', language: 'fr' });
  });

  it('upcasts older versions through the whole chain', () => {
    expect(registry.revive('ThingNamedV1', { name: 'old' })).toEqual(new ThingNamedV3({ fullName: 'old', language: 'en' }));
  });

  it('ignores types it does not know', () => {
    expect(registry.revive('SomethingElse', {})).toBeUndefined();
    expect(registry.isKnown('$metadata')).toBe(false);
  });

  it('lists every stored type that reads back as an event class, for subscription filters', () => {
    expect(registry.storedTypesFor([ThingNamedV3])).toEqual(['ThingNamedV1', 'ThingNamedV2', 'ThingNamedV3']);
  });

  it('refuses two classes claiming one stored type, and an upcaster from a current type', () => {
    class Impostor extends domainEvent('ThingNamedV3')<unknown>() {}
    expect(() => registry.registerEvents([Impostor])).toThrow(/two event classes/);
    expect(() => registry.registerUpcasters([{ fromType: 'ThingNamedV3', toType: 'X', upcast: (d: unknown) => d }])).toThrow(/cannot also be upcast/);
  });

  it('stops an upcaster loop instead of spinning', () => {
    const looping = new EventTypeRegistry();
    looping.registerUpcasters([
      { fromType: 'A', toType: 'B', upcast: (d: unknown) => d },
      { fromType: 'B', toType: 'A', upcast: (d: unknown) => d },
    ]);
    expect(() => looping.revive('A', {})).toThrow(/did not reach a current event type/);
  });
});
