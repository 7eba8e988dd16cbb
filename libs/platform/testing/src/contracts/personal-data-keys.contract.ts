import { randomUUID } from 'node:crypto';
import type { PersonalDataKeys } from '@openbank/event-sourcing';

export interface PersonalDataKeysUnderTest {
  /** Each call is another process's view of the same key store. */
  readonly keys: () => PersonalDataKeys;
  stop(): Promise<void>;
}

/** What every key store of personal data must do, run against the MongoDB one and the in-memory one. */
export function describePersonalDataKeysContract(name: string, start: () => Promise<PersonalDataKeysUnderTest>): void {
  describe(`${name}: the personal data keys contract`, () => {
    let underTest: PersonalDataKeysUnderTest;
    const subject = () => `subject-${randomUUID()}`;

    beforeAll(async () => {
      underTest = await start();
    });

    afterAll(async () => {
      await underTest?.stop();
    });

    it('creates a 32-byte key on first use and gives the same one afterwards', async () => {
      const keys = underTest.keys();
      const person = subject();
      expect(await keys.existingKeyOf(person)).toBeUndefined();
      const key = await keys.keyFor(person);
      expect(key).toHaveLength(32);
      expect(await keys.keyFor(person)).toEqual(key);
      expect(await keys.existingKeyOf(person)).toEqual(key);
    });

    it('gives each subject a key of their own', async () => {
      const keys = underTest.keys();
      expect(await keys.keyFor(subject())).not.toEqual(await keys.keyFor(subject()));
    });

    it('gives every one of many processes creating a key at once the same key', async () => {
      const person = subject();
      const created = await Promise.all(Array.from({ length: 8 }, () => underTest.keys().keyFor(person)));
      expect(new Set(created.map((key) => key!.toString('hex'))).size).toBe(1);
      expect(await underTest.keys().existingKeyOf(person)).toEqual(created[0]);
    });

    it('deletes the key when the subject is forgotten, and never creates another', async () => {
      const keys = underTest.keys();
      const person = subject();
      await keys.keyFor(person);
      await keys.forget(person);
      expect(await keys.existingKeyOf(person)).toBeUndefined();
      expect(await keys.keyFor(person)).toBeUndefined();
      expect(await keys.isForgotten(person)).toBe(true);
    });

    it('forgets idempotently, even a subject that never had a key', async () => {
      const keys = underTest.keys();
      const person = subject();
      await keys.forget(person);
      await keys.forget(person);
      expect(await keys.isForgotten(person)).toBe(true);
      expect(await keys.keyFor(person)).toBeUndefined();
    });

    it('tells a subject with a key from a forgotten one', async () => {
      const keys = underTest.keys();
      const person = subject();
      await keys.keyFor(person);
      expect(await keys.isForgotten(person)).toBe(false);
      expect(await keys.isForgotten(subject())).toBe(false);
    });
  });
}
