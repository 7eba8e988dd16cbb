interface Waiting<I, O> {
  readonly item: I;
  resolve(outcome: O): void;
  reject(error: unknown): void;
}

/**
 * Store calls of many requests sent together: one round trip per key at a time, and the items
 * given for a key while its round trip is under way wait for it to end, then go together in the
 * next one. A quiet key waits for nothing (its item goes at once); a busy key's round trips start
 * `spacingMs` apart at least, so that more items share each one. A store round trip costs the
 * application far more than the work per item (a driver command, a socket write and read), so
 * under load this is most of what requests spend on the store.
 *
 * `send` answers each item of a round trip, in order, or fails them all.
 */
export class RoundTrips<I, O> {
  private readonly waiting = new Map<string, Waiting<I, O>[]>();
  /** The keys with a round trip under way, or the next one scheduled. */
  private readonly underWay = new Set<string>();

  constructor(
    private readonly send: (key: string, items: readonly I[]) => Promise<readonly O[]>,
    private readonly spacingMs = 0,
  ) {}

  add(key: string, item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push({ item, resolve, reject });
      else this.waiting.set(key, [{ item, resolve, reject }]);
      if (!this.underWay.has(key)) void this.next(key);
    });
  }

  private async next(key: string): Promise<void> {
    const batch = this.waiting.get(key)!;
    this.waiting.delete(key);
    this.underWay.add(key);
    let started = performance.now();
    try {
      const sending = this.send(key, batch.map((waiting) => waiting.item));
      // The spacing counts from once the call has been made: a stall before it (a busy machine, a
      // garbage collection) must not bring the next round trip closer than the spacing.
      started = performance.now();
      const outcomes = await sending;
      batch.forEach((waiting, index) => waiting.resolve(outcomes[index]!));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      if (!this.waiting.has(key)) this.underWay.delete(key);
      else this.startAt(key, started + this.spacingMs);
    }
  }

  /**
   * Timers run on the event loop's cached clock, which can lag `performance.now()` by a
   * millisecond or more, so a timer may fire a little early: it checks, and waits out the rest.
   */
  private startAt(key: string, due: number): void {
    const wait = due - performance.now();
    if (wait <= 0) void this.next(key);
    else setTimeout(() => this.startAt(key, due), Math.ceil(wait));
  }
}
