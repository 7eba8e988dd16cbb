export * from './backup-manifest.js';
export * from './embedded-backup.js';
export * from './event-log-copy.js';
export * from './mongo-dump.js';
