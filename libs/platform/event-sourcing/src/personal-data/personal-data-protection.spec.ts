import { domainEvent } from '@openbank/shared-kernel';
import type { EventMetadata } from '../event-metadata.js';
import { EventSerializer } from '../serialization/event-serializer.js';
import { EventTypeRegistry } from '../serialization/event-type-registry.js';
import type { StoredEvent } from '../store/event-store.port.js';
import { InMemoryPersonalDataKeys } from './in-memory-personal-data-keys.js';
import { isSealedValue, openValue, sealValue } from './personal-data-cipher.js';
import { PersonalDataProtection } from './personal-data-protection.js';

class MemberJoinedV1 extends domainEvent('MemberJoinedV1')<{ memberId: string; name: string | null; home?: { city: string } | null; level: number; forgotten?: true }>() {}

const memberId = 'm-1';
const stream = `member-${memberId}`;
const metadata: EventMetadata = { correlationId: 'c', causationId: 'c', aggregateType: 'Member', aggregateId: memberId, occurredAt: '2026-01-01T00:00:00.000Z', principal: 'tester' };

function setUp() {
  const keys = new InMemoryPersonalDataKeys();
  const protection = new PersonalDataProtection(keys);
  protection.declare([{ aggregateType: 'Member', events: { MemberJoinedV1: ['name', 'home'] } }]);
  const registry = new EventTypeRegistry();
  registry.registerEvents([MemberJoinedV1]);
  return { keys, protection, serializer: new EventSerializer(registry, protection) };
}

function stored(event: { type: string; data: unknown; id: string }, streamId = stream): StoredEvent {
  return { ...event, streamId, revision: 0n, metadata, created: new Date() };
}

describe('sealing personal data in events', () => {
  const joined = new MemberJoinedV1({ memberId, name: 'Zebedee Quartermain', home: { city: 'Xylopolis' }, level: 3 });

  it('stores the personal fields sealed and the others as they are', async () => {
    const { serializer } = setUp();
    const written = await serializer.seal(joined, metadata, 'e-1', stream);
    const text = JSON.stringify(written.data);
    expect(text).not.toContain('Zebedee');
    expect(text).not.toContain('Xylopolis');
    const data = written.data as Record<string, unknown>;
    expect(isSealedValue(data.name) && isSealedValue(data.home)).toBe(true);
    expect(data).toMatchObject({ memberId, level: 3, _personalData: { subject: memberId, fields: ['name', 'home'] } });
  });

  it('reads them back as they were', async () => {
    const { serializer } = setUp();
    const recorded = await serializer.decode(stored(await serializer.seal(joined, metadata, 'e-1', stream)));
    expect(recorded?.event.data).toEqual(joined.data);
  });

  it('reads them as null, with forgotten: true, once the key is deleted: never an error', async () => {
    const { serializer, protection } = setUp();
    const written = await serializer.seal(joined, metadata, 'e-1', stream);
    await protection.forget(memberId);
    const recorded = await serializer.decode(stored(written));
    expect(recorded?.event.data).toEqual({ memberId, name: null, home: null, level: 3, forgotten: true });
  });

  it('reads the key as gone in another process too (the key store is shared)', async () => {
    const { serializer, keys } = setUp();
    const written = await serializer.seal(joined, metadata, 'e-1', stream);
    const elsewhere = new PersonalDataProtection(keys);
    await elsewhere.forget(memberId);
    const registry = new EventTypeRegistry();
    registry.registerEvents([MemberJoinedV1]);
    const fresh = new EventSerializer(registry, new PersonalDataProtection(keys));
    expect((await fresh.decode(stored(written)))?.event.data).toMatchObject({ name: null, forgotten: true });
  });

  it('opens the data of a subject it worked with lately while the key store cannot be reached, and no other', async () => {
    const { serializer, keys } = setUp();
    const written = await serializer.seal(joined, metadata, 'e-1', stream);
    // Another process registers another subject: this one never read that key.
    const registry = new EventTypeRegistry();
    registry.registerEvents([MemberJoinedV1]);
    const protectionElsewhere = new PersonalDataProtection(keys);
    protectionElsewhere.declare([{ aggregateType: 'Member', events: { MemberJoinedV1: ['name', 'home'] } }]);
    const elsewhere = new EventSerializer(registry, protectionElsewhere);
    const other = await elsewhere.seal(new MemberJoinedV1({ ...joined.data, memberId: 'm-2' }), { ...metadata, aggregateId: 'm-2' }, 'e-2', 'member-m-2');
    const outage = new Error('the key store is unreachable');
    const reachable = { existing: keys.existingKeyOf.bind(keys), key: keys.keyFor.bind(keys) };
    keys.existingKeyOf = () => Promise.reject(outage);
    keys.keyFor = () => Promise.reject(outage);
    // Past the second a read key is trusted without asking the store again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await serializer.decode(stored(written)))?.event.data).toEqual(joined.data);
    await expect(serializer.decode(stored(other, 'member-m-2'))).rejects.toBe(outage);
    keys.existingKeyOf = reachable.existing;
    keys.keyFor = reachable.key;
  });

  it('never stores the data of a subject already forgotten, not even sealed', async () => {
    const { serializer, protection } = setUp();
    await protection.forget(memberId);
    const written = await serializer.seal(joined, metadata, 'e-2', stream);
    expect(written.data).toMatchObject({ name: null, home: null, level: 3 });
  });

  it('refuses a sealed value moved to another stream or field', async () => {
    const { serializer, keys } = setUp();
    const written = await serializer.seal(joined, metadata, 'e-1', stream);
    await expect(serializer.decode(stored(written, 'member-other'))).rejects.toThrow();
    const key = (await keys.existingKeyOf(memberId))!;
    const name = (written.data as Record<string, string>).name;
    expect(openValue(key, name, `${stream}/name`)).toBe('Zebedee Quartermain');
    expect(() => openValue(key, name, `${stream}/home`)).toThrow();
  });

  it('uses a fresh IV for every value: the same name never seals the same way twice', () => {
    const key = Buffer.alloc(32, 7);
    expect(sealValue(key, 'Zebedee', 'member-1/name')).not.toBe(sealValue(key, 'Zebedee', 'member-1/name'));
  });

  it('reads events written before sealing (no marker) as they are: legacy plain', async () => {
    const { serializer } = setUp();
    const legacy = { id: 'e-0', type: 'MemberJoinedV1', data: { memberId, name: 'Old Plain', level: 1 } };
    expect((await serializer.decode(stored(legacy)))?.event.data).toEqual(legacy.data);
    expect(serializer.deserialize(stored(legacy))?.event.data).toEqual(legacy.data);
  });

  it('refuses to read sealed data without opening it, and to store it unsealed', async () => {
    const { serializer } = setUp();
    const written = await serializer.seal(joined, metadata, 'e-1', stream);
    expect(() => serializer.deserialize(stored(written))).toThrow(/sealed personal data/);
    expect(() => serializer.serialize(joined, metadata, 'e-3')).toThrow(/personal data/);
  });
});

describe('sealing snapshots of aggregates holding personal data', () => {
  it('seals the state whole and opens it until the subject is forgotten', async () => {
    const { protection } = setUp();
    const snapshotStream = `snapshot-${stream}`;
    const sealed = (await protection.sealSnapshot(memberId, snapshotStream, { name: 'Zebedee' }))!;
    expect(sealed).not.toContain('Zebedee');
    expect(await protection.openSnapshot(memberId, snapshotStream, sealed)).toEqual({ name: 'Zebedee' });
    await protection.forget(memberId);
    expect(await protection.openSnapshot(memberId, snapshotStream, sealed)).toBeUndefined();
    expect(await protection.sealSnapshot(memberId, snapshotStream, { name: 'Zebedee' })).toBeUndefined();
  });
});
