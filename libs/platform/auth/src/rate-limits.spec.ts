import { Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { SharedRateLimiter, type RateLimitDecision } from './rate-limits.js';

/** A store every instance shares, as slow as a round trip, counting the round trips it serves. */
class SharedStore extends RateLimiterMemory {
  roundTrips = 0;
  down = false;

  override async consume(key: string | number, points?: number): Promise<RateLimiterRes> {
    this.roundTrips++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.down) throw new Error('connection refused');
    return super.consume(key, points);
  }
}

const minute = (points: number) => ({ points, duration: 60 });
const allowed = (decisions: RateLimitDecision[]) => decisions.map((decision) => decision.allowed);

describe('a rate limit shared by the API instances', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('is one allowance for all instances, granted in the order the requests arrive', async () => {
    const store = new SharedStore(minute(7));
    const first = new SharedRateLimiter(store, new RateLimiterMemory(minute(7)));
    const second = new SharedRateLimiter(store, new RateLimiterMemory(minute(7)));
    const decisions = await Promise.all([...Array.from({ length: 5 }, () => first.consume('alice')), ...Array.from({ length: 5 }, () => second.consume('alice'))]);
    expect(allowed(decisions).filter(Boolean)).toHaveLength(7);
    // Each instance allows its earliest requests: the ones past the allowance are the latest.
    expect(allowed(decisions.slice(0, 5))).toEqual([true, true, true, true, expect.any(Boolean)]);
    expect(decisions.filter((decision) => !decision.allowed).every((decision) => decision.msBeforeNext > 0)).toBe(true);
  });

  it('sends the requests that arrive during a round trip together, in one round trip', async () => {
    const store = new SharedStore(minute(100));
    const limiter = new SharedRateLimiter(store, new RateLimiterMemory(minute(100)));
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.consume('alice')));
    expect(allowed(decisions).every(Boolean)).toBe(true);
    expect(store.roundTrips).toBe(2);
    expect((await store.get('alice'))?.consumedPoints).toBe(20);
  });

  it('keeps keys apart', async () => {
    const store = new SharedStore(minute(1));
    const limiter = new SharedRateLimiter(store, new RateLimiterMemory(minute(1)));
    expect(allowed(await Promise.all([limiter.consume('alice'), limiter.consume('bob'), limiter.consume('alice')]))).toEqual([true, true, false]);
  });

  it('refuses every request of a key the store answers as blocked for the rest of its window', async () => {
    const store = new SharedStore(minute(2));
    // How a store limiter answers, without a round trip, a key it saw spend its window (inMemoryBlockOnConsumed).
    store.consume = () => Promise.reject(new RateLimiterRes(0, 30_000));
    const limiter = new SharedRateLimiter(store, new RateLimiterMemory(minute(2)));
    expect(await Promise.all([limiter.consume('alice'), limiter.consume('alice')])).toEqual([
      { allowed: false, msBeforeNext: 30_000 },
      { allowed: false, msBeforeNext: 30_000 },
    ]);
  });

  it('counts in the instance alone while the shared store is unreachable, and in the store again when it is back', async () => {
    const store = new SharedStore(minute(2));
    const limiter = new SharedRateLimiter(store, new RateLimiterMemory(minute(2)));
    store.down = true;
    expect(allowed([await limiter.consume('alice'), await limiter.consume('alice'), await limiter.consume('alice')])).toEqual([true, true, false]);
    // Known to be down: the store is not asked again for a while.
    expect(store.roundTrips).toBe(1);

    let reachable = false;
    const probing = new SharedRateLimiter(store, new RateLimiterMemory(minute(2)), () => reachable);
    expect((await probing.consume('bob')).allowed).toBe(true);
    expect(store.roundTrips).toBe(1);
    reachable = true;
    store.down = false;
    expect((await probing.consume('bob')).allowed).toBe(true);
    expect(store.roundTrips).toBe(2);
  });

  it('does not wait longer than its deadline for the shared store', async () => {
    const hanging = new SharedStore(minute(2));
    hanging.consume = () => new Promise<never>(() => undefined);
    const limiter = new SharedRateLimiter(hanging, new RateLimiterMemory(minute(2)), () => true, 20);
    const started = performance.now();
    expect((await limiter.consume('alice')).allowed).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
