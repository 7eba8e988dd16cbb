export * from './commands/command-outcome.js';
export * from './observability.module.js';
export * from './observability.options.js';
