import type { LogPosition } from '../recorded-event.js';

/** Entries kept per stream: enough for a process step that runs a little behind its stream. */
const kept = 32;

/** A position no event can be after: where an append's position is unknown, its events count as newest. */
const unknownPosition = 2n ** 64n;

/**
 * The operations that wrote a stream's newest events, with their log positions, as far back as
 * this process has seen the stream. It lets a process step that looks for an earlier attempt of
 * itself (see EventSourcingRepository.recordedUnder) skip that read when the state it is about to
 * append to cannot hold one: an earlier attempt landing later makes the append conflict anyway.
 */
export class RecentOperations {
  private constructor(
    /** Every event of the stream after this commit position, up to the state's revision, is listed below (when it has an operation). */
    private readonly completeAfter: bigint,
    private readonly entries: readonly { readonly commit: bigint; readonly operationId: string }[],
  ) {}

  /** A stream read from its first event. */
  static fromStart(): RecentOperations {
    return new RecentOperations(-1n, []);
  }

  /** A stream read from an event at `position` on (after a snapshot): only what follows is known. */
  static from(position: LogPosition): RecentOperations {
    return new RecentOperations(position.commit - 1n, []);
  }

  /** With the next events of the stream, in order; a position may be an upper bound (an append's). */
  followedBy(events: readonly { readonly position?: LogPosition; readonly operationId?: string }[]): RecentOperations {
    let entries = [...this.entries];
    for (const { position, operationId } of events) if (operationId) entries.push({ commit: position?.commit ?? unknownPosition, operationId });
    let completeAfter = this.completeAfter;
    if (entries.length > kept) {
      const dropped = entries.slice(0, entries.length - kept);
      completeAfter = dropped.reduce((newest, entry) => (entry.commit > newest ? entry.commit : newest), completeAfter);
      entries = entries.slice(-kept);
    }
    return new RecentOperations(completeAfter, entries);
  }

  /**
   * False only when it is certain that no event written after `after` carries `operationId`; true
   * when one may (it is listed, or this process has not seen that far back).
   */
  mayHoldAfter(operationId: string, after: LogPosition): boolean {
    if (after.commit < this.completeAfter) return true;
    return this.entries.some((entry) => entry.commit > after.commit && entry.operationId === operationId);
  }
}
