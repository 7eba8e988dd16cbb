import { RoundTrips } from './round-trips.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store that takes `ms` per round trip and records what each one carried. */
function store(ms = 5) {
  const sent: { key: string; items: readonly number[]; at: number }[] = [];
  let failNext = false;
  return {
    sent,
    failNext: () => (failNext = true),
    send: async (key: string, items: readonly number[]) => {
      sent.push({ key, items, at: performance.now() });
      await tick(ms);
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      return items.map((item) => item * 10);
    },
  };
}

describe('round trips shared by requests', () => {
  it('sends a lone item at once, and answers it', async () => {
    const { send, sent } = store();
    const trips = new RoundTrips(send);
    expect(await trips.add('a', 1)).toBe(10);
    expect(sent.map((trip) => trip.items)).toEqual([[1]]);
  });

  it('sends the items that arrive during a round trip together in the next one, each answered with its own outcome', async () => {
    const { send, sent } = store();
    const trips = new RoundTrips(send);
    expect(await Promise.all([1, 2, 3, 4].map((item) => trips.add('a', item)))).toEqual([10, 20, 30, 40]);
    expect(sent.map((trip) => trip.items)).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps keys apart: each has its own round trips', async () => {
    const { send, sent } = store();
    const trips = new RoundTrips(send);
    await Promise.all([trips.add('a', 1), trips.add('b', 2), trips.add('a', 3)]);
    expect(sent.map((trip) => [trip.key, trip.items])).toEqual([
      ['a', [1]],
      ['b', [2]],
      ['a', [3]],
    ]);
  });

  it('starts a busy key’s round trips the spacing apart', async () => {
    const { send, sent } = store(1);
    const trips = new RoundTrips(send, 30);
    await Promise.all([trips.add('a', 1), trips.add('a', 2)]);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(29);
  });

  it('keeps a busy key’s round trips the spacing apart even when the process stalls as one is being made', async () => {
    const sent: number[] = [];
    const stallingSend = async (_key: string, items: readonly number[]) => {
      // A stall (a busy machine, a garbage collection) between the decision to go and the first call.
      const until = performance.now() + (sent.length === 0 ? 10 : 0);
      while (performance.now() < until);
      sent.push(performance.now());
      await tick(1);
      return items;
    };
    const trips = new RoundTrips(stallingSend, 30);
    await Promise.all([trips.add('a', 1), trips.add('a', 2)]);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(29);
  });

  it('fails the items of a failed round trip, and carries on with the next', async () => {
    const { send, failNext } = store();
    const trips = new RoundTrips(send);
    failNext();
    const first = trips.add('a', 1);
    const second = trips.add('a', 2);
    await expect(first).rejects.toThrow('connection lost');
    expect(await second).toBe(20);
  });
});
