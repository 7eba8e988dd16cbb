import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountTransactionEntry, AccountTransactionEntrySchema } from './read-models/account-transactions/account-transaction.schema.js';
import { AccountTransactionsHttpController } from './read-models/account-transactions/account-transactions.http.controller.js';
import { AccountTransactionsProjection } from './read-models/account-transactions/account-transactions.projection.js';
import { CountTransactionsHandler } from './read-models/account-transactions/count-transactions.handler.js';
import { ListAccountTransactionsHandler } from './read-models/account-transactions/list-account-transactions.handler.js';
import { ListTransactionsHandler } from './read-models/account-transactions/list-transactions.handler.js';
import { TransactionsHttpController } from './read-models/account-transactions/transactions.http.controller.js';
import { TransactionAnalyticsHandler } from './read-models/transaction-analytics/transaction-analytics.handler.js';
import { TransactionAnalyticsHttpController } from './read-models/transaction-analytics/transaction-analytics.http.controller.js';

/**
 * The transactions bounded context: the record of money movement as customers and staff read it
 * (transactions per account, analytics). It owns no aggregate: it is kept from the accounts'
 * public events, and reports; the accounts context moves the money.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: AccountTransactionEntry.name, schema: AccountTransactionEntrySchema }])],
  controllers: [AccountTransactionsHttpController, TransactionsHttpController, TransactionAnalyticsHttpController],
  providers: [AccountTransactionsProjection, ListAccountTransactionsHandler, ListTransactionsHandler, CountTransactionsHandler, TransactionAnalyticsHandler],
})
export class TransactionsModule {}
