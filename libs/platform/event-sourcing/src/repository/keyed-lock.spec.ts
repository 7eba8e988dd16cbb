import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('runs tasks of one key one after another, in order, even when one fails', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      order.push(`${name}:start`);
      await sleep(ms);
      order.push(`${name}:end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([lock.run('a', task('1', 20, true)), lock.run('a', task('2', 1)), lock.run('a', task('3', 1))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(order).toEqual(['1:start', '1:end', '2:start', '2:end', '3:start', '3:end']);
  });

  it('runs tasks of different keys side by side', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    await Promise.all([
      lock.run('a', async () => {
        order.push('a:start');
        await sleep(20);
        order.push('a:end');
      }),
      lock.run('b', async () => {
        order.push('b:start');
        order.push('b:end');
      }),
    ]);
    expect(order).toEqual(['a:start', 'b:start', 'b:end', 'a:end']);
  });
});
