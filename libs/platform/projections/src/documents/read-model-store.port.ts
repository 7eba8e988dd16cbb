/** Every read-model document has a string id. */
export interface ReadModelDocument {
  readonly _id: string;
}

/**
 * One change to a collection, as projections express them. Each is idempotent or guarded, so a
 * batch applied twice (after a crash before its checkpoint) changes nothing the second time.
 */
export type DocumentWrite<D extends ReadModelDocument> =
  /** Puts the document in place, unless the stored one's `guard` field is already at least as high. */
  | { readonly kind: 'replace'; readonly document: D; readonly guard?: { readonly field: keyof D & string; readonly below: number } }
  /**
   * Sets fields of the document, unless the stored one's `guard` field is already at least as high;
   * a missing document is created with `set` and `setOnInsert` (fields written once, when created).
   */
  | {
      readonly kind: 'update';
      readonly id: string;
      readonly set: Partial<D>;
      readonly setOnInsert?: Partial<D>;
      readonly guard: { readonly field: keyof D & string; readonly below: number };
    }
  /** Inserts the document once; an existing one with the same id stays as it is. */
  | { readonly kind: 'insert-once'; readonly document: D }
  /** Sets fields on every document whose `field` equals `value`. */
  | { readonly kind: 'set-where'; readonly field: keyof D & string; readonly value: unknown; readonly set: Partial<D> }
  | { readonly kind: 'delete'; readonly id: string };

export interface ReadModelCollection<D extends ReadModelDocument> {
  findByIds(ids: readonly string[]): Promise<D[]>;
  /** Applies every write in one round trip; a guarded replace that finds a newer document does nothing. */
  write(writes: readonly DocumentWrite<D>[]): Promise<void>;
  deleteAll(): Promise<void>;
}

/**
 * Where projections keep their documents. Implemented over MongoDB (what the application runs on)
 * and in memory (for fast specs); both pass the same contract spec.
 */
export interface ReadModelStore {
  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D>;
}

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
