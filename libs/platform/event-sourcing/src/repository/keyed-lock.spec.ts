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

  it('runs a task that holds several keys after the tasks of any of them, and never deadlocks on keys asked in another order', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const task = (name: string, ms: number) => async () => {
      order.push(`${name}:start`);
      await sleep(ms);
      order.push(`${name}:end`);
    };
    await Promise.race([
      Promise.all([lock.run('b', task('b', 20)), lock.runAll(['b', 'a'], task('ab', 5)), lock.runAll(['a', 'b'], task('ba', 5)), lock.run('a', task('a', 1))]),
      sleep(2000, undefined, { ref: false }).then(() => order.push('deadlocked')),
    ]);
    expect(order).toEqual(['b:start', 'b:end', 'ab:start', 'ab:end', 'ba:start', 'ba:end', 'a:start', 'a:end']);
  });
});
