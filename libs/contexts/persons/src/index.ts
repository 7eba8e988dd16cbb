export * from './contracts/index.js';
export { PersonsModule } from './persons.module.js';
