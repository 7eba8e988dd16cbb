/** The source of "now" for decisions and event metadata; injected so specs are deterministic. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put, for specs. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** The source of new aggregate ids; injected so specs are deterministic. */
export interface IdGenerator {
  next(): string;
}

export const randomIds: IdGenerator = { next: () => crypto.randomUUID() };
