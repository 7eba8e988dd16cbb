export * from './contracts/index.js';
export { AccountsModule } from './accounts.module.js';
