import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CloudEventsModule } from '@openbank/cloudevents';
import { EventSourcingModule } from '@openbank/event-sourcing';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options.js';
import { ClosedAccountsArchivable } from './archiving/closed-accounts.archivable.js';
import { ApplyInterestHandler } from './commands/apply-interest/apply-interest.handler.js';
import { ApplyInterestHttpController } from './commands/apply-interest/apply-interest.http.controller.js';
import { ChangeOverdraftLimitHandler } from './commands/change-overdraft-limit/change-overdraft-limit.handler.js';
import { ChangeOverdraftLimitHttpController } from './commands/change-overdraft-limit/change-overdraft-limit.http.controller.js';
import { CloseBankAccountHandler } from './commands/close-bank-account/close-bank-account.handler.js';
import { CloseBankAccountHttpController } from './commands/close-bank-account/close-bank-account.http.controller.js';
import { DepositMoneyHandler } from './commands/deposit/deposit.handler.js';
import { DepositHttpController } from './commands/deposit/deposit.http.controller.js';
import { AccountOwners } from './commands/open-bank-account/account-owners.js';
import { OpenBankAccountHandler } from './commands/open-bank-account/open-bank-account.handler.js';
import { OpenBankAccountHttpController } from './commands/open-bank-account/open-bank-account.http.controller.js';
import { TransferLegs } from './commands/transfer-money/transfer-legs.js';
import { TransferMoneyHandler } from './commands/transfer-money/transfer-money.handler.js';
import { TransferMoneyHttpController } from './commands/transfer-money/transfer-money.http.controller.js';
import { TransferSettlements } from './commands/transfer-money/transfer-settlements.js';
import { WithdrawMoneyHandler } from './commands/withdraw/withdraw.handler.js';
import { WithdrawHttpController } from './commands/withdraw/withdraw.http.controller.js';
import { bankAccountCloudEventTypes } from './contracts/bank-account.cloudevent-types.js';
import { transferCloudEventTypes } from './contracts/transfer.cloudevent-types.js';
import { AccountHolder } from './domain/account-holder.js';
import { BankAccount } from './domain/bank-account.js';
import { bankAccountCreatedV1ToV2 } from './domain/bank-account.upcasters.js';
import { Transfer } from './domain/transfer.js';
import { TransferProcess } from './processes/transfer.process.js';
import { AccountSummaryHttpController } from './read-models/account-summary/account-summary.http.controller.js';
import { GetAccountSummaryHandler } from './read-models/account-summary/get-account-summary.handler.js';
import { BankAccountDetailsHttpController } from './read-models/bank-account-details/bank-account-details.http.controller.js';
import { BankAccountDetailsProjection } from './read-models/bank-account-details/bank-account-details.projection.js';
import { BankAccountDetails, BankAccountDetailsSchema } from './read-models/bank-account-details/bank-account-details.schema.js';
import { GetBankAccountHandler } from './read-models/bank-account-details/get-bank-account.handler.js';
import { ListBankAccountsHandler } from './read-models/bank-account-details/list-bank-accounts.handler.js';
import { GetTransferHandler } from './read-models/transfer-details/get-transfer.handler.js';
import { ListTransfersHandler } from './read-models/transfer-details/list-transfers.handler.js';
import { TransferDetailsHttpController } from './read-models/transfer-details/transfer-details.http.controller.js';
import { TransferDetailsProjection } from './read-models/transfer-details/transfer-details.projection.js';
import { TransferDetails, TransferDetailsSchema } from './read-models/transfer-details/transfer-details.schema.js';
import { AccountHistoryHandler } from './write-model-queries/account-history/account-history.handler.js';
import { AccountTimelineHttpController } from './write-model-queries/account-history/account-timeline.http.controller.js';
import { BalanceAtHandler } from './write-model-queries/balance-at/balance-at.handler.js';
import { DailyClosingBalancesHandler } from './write-model-queries/daily-balances/daily-balances.handler.js';
import { AccountOwnership } from './write-model-queries/ownership/account-ownership.js';
import { TransferOwnership } from './write-model-queries/ownership/transfer-ownership.js';

/**
 * The accounts bounded context: bank accounts and all money that moves on them (deposits,
 * withdrawals, transfers between accounts of the bank, interest), with the limits of the bank
 * and of each account holder, the accounts' and transfers' read models, and their timelines.
 */
@Module({})
export class AccountsModule {
  static register(options: AccountsOptions): DynamicModule {
    return {
      module: AccountsModule,
      imports: [
        EventSourcingModule.forFeature({ aggregates: [BankAccount, AccountHolder, Transfer], upcasters: [bankAccountCreatedV1ToV2] }),
        CloudEventsModule.forFeature({ ...bankAccountCloudEventTypes, ...transferCloudEventTypes }, { internal: AccountHolder.events }),
        MongooseModule.forFeature([
          { name: BankAccountDetails.name, schema: BankAccountDetailsSchema },
          { name: TransferDetails.name, schema: TransferDetailsSchema },
        ]),
      ],
      controllers: [
        OpenBankAccountHttpController,
        ChangeOverdraftLimitHttpController,
        CloseBankAccountHttpController,
        DepositHttpController,
        WithdrawHttpController,
        TransferMoneyHttpController,
        ApplyInterestHttpController,
        AccountTimelineHttpController,
        TransferDetailsHttpController,
        AccountSummaryHttpController,
        // Declared last: its `:id` route must not shadow `by-owner/:ownerId`.
        BankAccountDetailsHttpController,
      ],
      providers: [
        { provide: ACCOUNTS_OPTIONS, useValue: options },
        // Accounts closed for ARCHIVE_AFTER_DAYS go to cold storage (README, "Archiving old events to cold storage").
        ClosedAccountsArchivable,
        AccountOwnership,
        TransferOwnership,
        AccountOwners,
        OpenBankAccountHandler,
        ChangeOverdraftLimitHandler,
        CloseBankAccountHandler,
        DepositMoneyHandler,
        WithdrawMoneyHandler,
        TransferMoneyHandler,
        TransferLegs,
        TransferSettlements,
        TransferProcess,
        ApplyInterestHandler,
        DailyClosingBalancesHandler,
        AccountHistoryHandler,
        BalanceAtHandler,
        BankAccountDetailsProjection,
        GetBankAccountHandler,
        ListBankAccountsHandler,
        GetAccountSummaryHandler,
        TransferDetailsProjection,
        GetTransferHandler,
        ListTransfersHandler,
      ],
    };
  }
}
