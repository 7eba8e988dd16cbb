import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CloudEventsModule } from '@openbank/cloudevents';
import { EventSourcingModule } from '@openbank/event-sourcing';
import { transferCloudEventTypes } from './contracts/transfer.cloudevent-types.js';
import { Transfer } from './domain/transfer.js';
import { ApplyInterestHandler } from './features/apply-interest/apply-interest.handler.js';
import { ApplyInterestHttpController } from './features/apply-interest/apply-interest.http.controller.js';
import { DepositHandler } from './features/deposit/deposit.handler.js';
import { DepositHttpController } from './features/deposit/deposit.http.controller.js';
import { TransferMoneyHandler } from './features/transfer-money/transfer-money.handler.js';
import { TransferMoneyHttpController } from './features/transfer-money/transfer-money.http.controller.js';
import { TransferSettlements } from './features/transfer-money/transfer-settlements.js';
import { WithdrawHandler } from './features/withdraw/withdraw.handler.js';
import { WithdrawHttpController } from './features/withdraw/withdraw.http.controller.js';
import { TransferProcess } from './processes/transfer.process.js';
import { AccountTransactionEntry, AccountTransactionEntrySchema } from './read-models/account-transactions/account-transaction.schema.js';
import { AccountTransactionsHttpController } from './read-models/account-transactions/account-transactions.http.controller.js';
import { AccountTransactionsProjection } from './read-models/account-transactions/account-transactions.projection.js';
import { ListAccountTransactionsHandler } from './read-models/account-transactions/list-account-transactions.handler.js';
import { DailyTransactionTotals, DailyTransactionTotalsSchema } from './read-models/transaction-analytics/daily-transaction-totals.schema.js';
import { TransactionAnalyticsHandler } from './read-models/transaction-analytics/transaction-analytics.handler.js';
import { TransactionAnalyticsHttpController } from './read-models/transaction-analytics/transaction-analytics.http.controller.js';
import { TransactionAnalyticsProjection } from './read-models/transaction-analytics/transaction-analytics.projection.js';
import { GetTransferHandler } from './read-models/transfer-details/get-transfer.handler.js';
import { TransferDetailsHttpController } from './read-models/transfer-details/transfer-details.http.controller.js';
import { TransferDetailsProjection } from './read-models/transfer-details/transfer-details.projection.js';
import { TransferDetails, TransferDetailsSchema } from './read-models/transfer-details/transfer-details.schema.js';
import { TRANSACTIONS_OPTIONS, type TransactionsOptions } from './transactions.options.js';
import { TransferOwnership } from './read-models/transfer-details/transfer-ownership.js';

/**
 * The transactions bounded context: deposits, withdrawals and interest (recorded on accounts
 * through the accounts' contracts), transfers as a crash-safe process, and the read models of
 * money movement (transactions per account, transfers, daily analytics).
 */
@Module({})
export class TransactionsModule {
  static register(options: TransactionsOptions): DynamicModule {
    return {
      module: TransactionsModule,
      imports: [
        EventSourcingModule.forFeature({ aggregates: [Transfer] }),
        CloudEventsModule.forFeature(transferCloudEventTypes),
        MongooseModule.forFeature([
          { name: AccountTransactionEntry.name, schema: AccountTransactionEntrySchema },
          { name: TransferDetails.name, schema: TransferDetailsSchema },
          { name: DailyTransactionTotals.name, schema: DailyTransactionTotalsSchema },
        ]),
      ],
      controllers: [
        DepositHttpController,
        WithdrawHttpController,
        TransferMoneyHttpController,
        ApplyInterestHttpController,
        AccountTransactionsHttpController,
        TransferDetailsHttpController,
        TransactionAnalyticsHttpController,
      ],
      providers: [
        TransferOwnership,
        { provide: TRANSACTIONS_OPTIONS, useValue: options },
        DepositHandler,
        WithdrawHandler,
        TransferMoneyHandler,
        TransferSettlements,
        ApplyInterestHandler,
        TransferProcess,
        AccountTransactionsProjection,
        ListAccountTransactionsHandler,
        TransferDetailsProjection,
        GetTransferHandler,
        TransactionAnalyticsProjection,
        TransactionAnalyticsHandler,
      ],
    };
  }
}
