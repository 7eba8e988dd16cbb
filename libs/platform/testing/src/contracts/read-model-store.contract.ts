import { randomUUID } from 'node:crypto';
import type { ReadModelStore } from '@openbank/projections';

export interface ReadModelStoreUnderTest {
  readonly store: ReadModelStore;
  stop(): Promise<void>;
}

interface Sample {
  readonly _id: string;
  readonly owner: string;
  readonly name: string;
  readonly last_revision: number;
  readonly at?: Date;
  readonly tags?: string[];
}

/** What every ReadModelStore must do, run against the MongoDB one and the in-memory one. */
export function describeReadModelStoreContract(name: string, start: () => Promise<ReadModelStoreUnderTest>): void {
  describe(`${name}: the read-model store contract`, () => {
    let underTest: ReadModelStoreUnderTest;
    const collection = () => underTest.store.collection<Sample>(`contract_${randomUUID().slice(0, 8)}`);

    beforeAll(async () => {
      underTest = await start();
    });

    afterAll(async () => {
      await underTest?.stop();
    });

    it('finds the documents it was given, by id, with their dates, arrays and numbers', async () => {
      const samples = collection();
      const at = new Date('2026-11-22T10:00:00.000Z');
      await samples.write([{ kind: 'replace', document: { _id: 'a', owner: 'o', name: 'A', last_revision: 0, at, tags: ['x', 'y'] } }]);
      expect(await samples.findByIds(['a', 'missing'])).toEqual([{ _id: 'a', owner: 'o', name: 'A', last_revision: 0, at, tags: ['x', 'y'] }]);
      expect(await samples.findByIds([])).toEqual([]);
    });

    it('replaces a document only when its guard field is below the given value', async () => {
      const samples = collection();
      await samples.write([{ kind: 'replace', document: { _id: 'a', owner: 'o', name: 'first', last_revision: 3 }, guard: { field: 'last_revision', below: 3 } }]);
      await samples.write([
        { kind: 'replace', document: { _id: 'a', owner: 'o', name: 'older', last_revision: 2 }, guard: { field: 'last_revision', below: 2 } },
        { kind: 'replace', document: { _id: 'a', owner: 'o', name: 'same', last_revision: 3 }, guard: { field: 'last_revision', below: 3 } },
      ]);
      expect((await samples.findByIds(['a']))[0].name).toBe('first');
      await samples.write([{ kind: 'replace', document: { _id: 'a', owner: 'o', name: 'newer', last_revision: 4 }, guard: { field: 'last_revision', below: 4 } }]);
      expect((await samples.findByIds(['a']))[0]).toMatchObject({ name: 'newer', last_revision: 4 });
    });

    it('updates fields only when the guard field is below the given value, creating the document with its once-only fields', async () => {
      const samples = collection();
      const update = (name: string, revision: number) => ({ kind: 'update' as const, id: 'u', set: { name, last_revision: revision }, setOnInsert: { owner: `created by ${name}` }, guard: { field: 'last_revision' as const, below: revision } });
      await samples.write([update('second', 2)]);
      await samples.write([update('first', 1), update('same', 2)]);
      expect(await samples.findByIds(['u'])).toEqual([{ _id: 'u', owner: 'created by second', name: 'second', last_revision: 2 }]);
      await samples.write([update('third', 3)]);
      expect(await samples.findByIds(['u'])).toEqual([{ _id: 'u', owner: 'created by second', name: 'third', last_revision: 3 }]);
    });

    it('inserts a document once, and keeps the first', async () => {
      const samples = collection();
      await samples.write([
        { kind: 'insert-once', document: { _id: 'e', owner: 'o', name: 'first', last_revision: 0 } },
        { kind: 'insert-once', document: { _id: 'e', owner: 'o', name: 'second', last_revision: 1 } },
      ]);
      expect(await samples.findByIds(['e'])).toEqual([{ _id: 'e', owner: 'o', name: 'first', last_revision: 0 }]);
    });

    it('sets fields on every document that matches, and deletes by id or all at once', async () => {
      const samples = collection();
      await samples.write(['a', 'b', 'c'].map((id) => ({ kind: 'replace' as const, document: { _id: id, owner: id === 'c' ? 'other' : 'o', name: id, last_revision: 0 } })));
      await samples.write([{ kind: 'set-where', field: 'owner', value: 'o', set: { name: 'renamed' } }, { kind: 'delete', id: 'b' }]);
      expect((await samples.findByIds(['a', 'b', 'c'])).map(({ _id, name }) => [_id, name])).toEqual([
        ['a', 'renamed'],
        ['c', 'c'],
      ]);
      await samples.deleteAll();
      expect(await samples.findByIds(['a', 'c'])).toEqual([]);
    });
  });
}
