import { DeadlineExceededError } from '@kurrent/kurrentdb-client';
import { finishedRead } from './finished-read.js';

/** A read as the native client gives it: an iterator with `next` alone, which cannot be cancelled. */
function nativeRead(items: number, { stallAt, failAt }: { stallAt?: number; failAt?: number } = {}) {
  let given = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const iterator = {
    async next(): Promise<IteratorResult<number>> {
      const item = given++;
      if (item === stallAt) await released;
      if (item === failAt) throw new Error('connection reset');
      return item < items ? { value: item, done: false } : { value: undefined, done: true };
    },
  };
  return { reads: { [Symbol.asyncIterator]: () => iterator }, asked: () => given, release };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('a native read, finished whatever its caller does', () => {
  it('gives every item of a read its caller takes to the end', async () => {
    const { reads } = nativeRead(3);
    const items: number[] = [];
    for await (const item of finishedRead(reads)) items.push(item);
    expect(items).toEqual([0, 1, 2]);
  });

  it('reads the rest of a read its caller stopped early, so that what the server sent is taken', async () => {
    const { reads, asked } = nativeRead(50);
    for await (const item of finishedRead(reads)) if (item === 1) break;
    await settled();
    expect(asked()).toBe(51);
  });

  it('fails a read that brings nothing for its deadline as an outage, and reads it to its end once it moves', async () => {
    const { reads, asked, release } = nativeRead(5, { stallAt: 2 });
    const items: number[] = [];
    await expect(
      (async () => {
        for await (const item of finishedRead(reads, 50)) items.push(item);
      })(),
    ).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(items).toEqual([0, 1]);
    release();
    await settled();
    expect(asked()).toBe(6);
  });

  it('counts only the waits for the read against its deadline, not the time its caller takes between items', async () => {
    const { reads } = nativeRead(3);
    const items: number[] = [];
    for await (const item of finishedRead(reads, 50)) {
      items.push(item);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    expect(items).toEqual([0, 1, 2]);
  });

  it('passes a failed read’s error on, and asks it for nothing more', async () => {
    const { reads, asked } = nativeRead(5, { failAt: 1 });
    await expect(
      (async () => {
        for await (const _ of finishedRead(reads)) continue;
      })(),
    ).rejects.toThrow('connection reset');
    await settled();
    expect(asked()).toBe(2);
  });
});
