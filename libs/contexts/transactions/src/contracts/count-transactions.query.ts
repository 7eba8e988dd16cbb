import { Query } from '@nestjs/cqrs';

/** How many transactions the accounts have recorded, as the transactions read model holds them (for the bank's statistics). */
export class CountTransactionsQuery extends Query<number> {}
