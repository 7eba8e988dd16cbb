export * from './aggregate-spec.js';
export * from './eventually.js';
export * from './test-stores.js';
export * from './event-sourcing-harness.js';
export * from './processes.js';
