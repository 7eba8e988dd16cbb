export { startEmbeddedKurrentDB, type EmbeddedKurrentDB } from './embedded-kurrentdb.js';
export type { EmbeddedKurrentDBOptions } from './options.js';
export { DataDirectoryError } from './log/data-directory-error.js';
export type { Durability, RecoveryReport } from './log/log-file.js';
export type { ScavengeResult } from './scavenge/scavenger.js';
