export * from './aggregate.js';
export * from './clock.js';
export * from './domain-error.js';
export * from './domain-event.js';
export * from './money/currency.js';
export * from './money/money.js';
