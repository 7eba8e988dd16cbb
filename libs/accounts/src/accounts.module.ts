import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventSourcingModule } from '@openbank/event-sourcing';
import { BankAccount } from './domain/bank-account.js';
import { AccountOwners } from './features/account-owners.js';
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

/** The accounts bounded context: opening, overdraft limits, closing, and the account read model. */
@Module({
  imports: [
    EventSourcingModule.forFeature({ aggregates: [BankAccount] }),
    MongooseModule.forFeature([{ name: BankAccountDetails.name, schema: BankAccountDetailsSchema }]),
  ],
  controllers: [
    OpenBankAccountHttpController,
    ChangeOverdraftLimitHttpController,
    CloseBankAccountHttpController,
    // Declared last: its `:id` route must not shadow `by-owner/:ownerId`.
    BankAccountDetailsHttpController,
  ],
  providers: [
    AccountOwners,
    OpenBankAccountHandler,
    ChangeOverdraftLimitHandler,
    CloseBankAccountHandler,
    BankAccountDetailsProjection,
    GetBankAccountHandler,
    ListBankAccountsHandler,
  ],
})
export class AccountsModule {}
