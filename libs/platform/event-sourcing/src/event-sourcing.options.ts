import type { PersonalDataKeys } from './personal-data/personal-data-keys.port.js';

/** Settings of the write side, from configuration. */
export interface EventSourcingOptions {
  readonly connectionString: string;
  /** A snapshot is written each time an aggregate's revision crosses a multiple of this; 0 turns snapshots off. */
  readonly snapshotEvery: number;
  /**
   * How many of an aggregate's newest snapshots its snapshot stream keeps (`$maxCount`); older ones
   * are dropped by the store. Unset: every snapshot is kept.
   */
  readonly maxSnapshots?: number;
  /** How many aggregates the in-process cache keeps; 0 turns the cache off. */
  readonly aggregateCacheSize: number;
  /** How many times a command is decided again after a revision conflict before answering 409. */
  readonly conflictRetries: number;
  /** Deadline of one store operation on the command path, so an unreachable store fails fast. */
  readonly operationDeadlineMs: number;
  /** Where the data subjects' keys are kept; in this process's memory when unset (specs only). */
  readonly personalDataKeys?: PersonalDataKeys;
}

export const EVENT_SOURCING_OPTIONS = Symbol('EVENT_SOURCING_OPTIONS');
