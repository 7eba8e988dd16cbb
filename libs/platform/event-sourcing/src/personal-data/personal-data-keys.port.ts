/**
 * One encryption key per data subject (a person), in a store of its own, apart from the events it
 * protects: deleting a subject's key makes every copy of their sealed data unreadable for good,
 * wherever it lies (events, snapshots, backups of the event store). Implemented over MongoDB
 * (`personal_data_keys`, the default) and in memory (for fast specs); both pass the same contract
 * spec. A KMS adapter has the same shape: `keyFor` asks the KMS for a data key of the subject
 * (generate-data-key once, then decrypt the wrapped key stored with it), `forget` schedules the
 * deletion of that key and records the subject as forgotten.
 */
export interface PersonalDataKeys {
  /**
   * The subject's key, created on first use. Safe for any number of processes at once: every one
   * of them gets the same key. Undefined once the subject is forgotten (never a new key then).
   */
  keyFor(subject: string): Promise<Buffer | undefined>;
  /** The subject's key if they have one; undefined if they never had one or are forgotten. Creates nothing. */
  existingKeyOf(subject: string): Promise<Buffer | undefined>;
  /** Deletes the subject's key for good and remembers that they are forgotten. Doing it again changes nothing. */
  forget(subject: string): Promise<void>;
  isForgotten(subject: string): Promise<boolean>;
}

export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');
