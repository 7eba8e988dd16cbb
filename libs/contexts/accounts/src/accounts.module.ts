import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CloudEventsModule } from '@openbank/cloudevents';
import { EventSourcingModule } from '@openbank/event-sourcing';
import { bankAccountCloudEventTypes } from './contracts/bank-account.cloudevent-types.js';
import { BankAccount } from './domain/bank-account.js';
import { AccountHistoryHandler } from './features/account-history/account-history.handler.js';
import { AccountTimelineHttpController } from './features/account-history/account-timeline.http.controller.js';
import { AccountOwners } from './features/account-owners.js';
import { BalanceAtHandler } from './features/balance-at/balance-at.handler.js';
import { DailyClosingBalancesHandler } from './features/daily-balances/daily-balances.handler.js';
import { LookUpBankAccountHandler } from './features/look-up-bank-account/look-up-bank-account.handler.js';
import { RecordAccountTransactionHandler } from './features/record-account-transaction/record-account-transaction.handler.js';
import { ChangeOverdraftLimitHandler } from './features/change-overdraft-limit/change-overdraft-limit.handler.js';
import { ChangeOverdraftLimitHttpController } from './features/change-overdraft-limit/change-overdraft-limit.http.controller.js';
import { CloseBankAccountHandler } from './features/close-bank-account/close-bank-account.handler.js';
import { CloseBankAccountHttpController } from './features/close-bank-account/close-bank-account.http.controller.js';
import { OpenBankAccountHandler } from './features/open-bank-account/open-bank-account.handler.js';
import { OpenBankAccountHttpController } from './features/open-bank-account/open-bank-account.http.controller.js';
import { BankAccountDetailsHttpController } from './read-models/bank-account-details/bank-account-details.http.controller.js';
import { BankAccountDetailsProjection } from './read-models/bank-account-details/bank-account-details.projection.js';
import { BankAccountDetails, BankAccountDetailsSchema } from './read-models/bank-account-details/bank-account-details.schema.js';
import { GetBankAccountHandler } from './read-models/bank-account-details/get-bank-account.handler.js';
import { ListBankAccountsHandler } from './read-models/bank-account-details/list-bank-accounts.handler.js';
import { AccountOwnership } from './features/look-up-bank-account/account-ownership.js';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options.js';

/**
 * The accounts bounded context: the BankAccount aggregate (opening, overdraft limits, closing, and
 * the money movements other contexts record through its contracts), its read model and timeline.
 */
@Module({
  imports: [
    EventSourcingModule.forFeature({ aggregates: [BankAccount] }),
    CloudEventsModule.forFeature(bankAccountCloudEventTypes),
    MongooseModule.forFeature([{ name: BankAccountDetails.name, schema: BankAccountDetailsSchema }]),
  ],
  controllers: [
    OpenBankAccountHttpController,
    ChangeOverdraftLimitHttpController,
    CloseBankAccountHttpController,
    AccountTimelineHttpController,
    // Declared last: its `:id` route must not shadow `by-owner/:ownerId`.
    BankAccountDetailsHttpController,
  ],
  providers: [
    AccountOwnership,
    AccountOwners,
    OpenBankAccountHandler,
    ChangeOverdraftLimitHandler,
    CloseBankAccountHandler,
    RecordAccountTransactionHandler,
    LookUpBankAccountHandler,
    DailyClosingBalancesHandler,
    AccountHistoryHandler,
    BalanceAtHandler,
    BankAccountDetailsProjection,
    GetBankAccountHandler,
    ListBankAccountsHandler,
  ],
})
export class AccountsModule {
  static register(options: AccountsOptions): DynamicModule {
    return { module: AccountsModule, providers: [{ provide: ACCOUNTS_OPTIONS, useValue: options }] };
  }
}
