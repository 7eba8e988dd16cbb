export * from './contracts/index.js';
export { TransactionsModule } from './transactions.module.js';
