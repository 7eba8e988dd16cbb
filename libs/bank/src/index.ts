export * from './bank.module.js';
export * from './config/environment.js';
export * from './processes/process-directory.js';
export * from './processes/process-record.schema.js';
export type { ProcessRole } from './processes/processes.module.js';
export * from './processes/stop-on-signal.js';
export * from './stores/embedded-stores.js';
export * from './stores/projector-child.js';
export * from './stream-activity/stream-activity.schema.js';
