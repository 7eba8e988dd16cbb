export interface ArchivingOptions {
  /** A stream is archived once it has been archivable (an account closed) for this many days. */
  readonly afterDays: number;
}

export const ARCHIVING_OPTIONS = Symbol('ARCHIVING_OPTIONS');
