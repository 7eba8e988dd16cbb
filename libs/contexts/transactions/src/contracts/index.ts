// The transactions context publishes no event of its own: it reports on the money the accounts move.
export { CountTransactionsQuery } from './count-transactions.query.js';
