import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, EventSourcingRepository } from '@openbank/event-sourcing';
import { Money, type Clock } from '@openbank/shared-kernel';
import { LookUpBankAccountQuery, type BankAccountSummary } from '../../contracts/look-up-bank-account.query.js';
import { BankAccount, availableBalance, type OpenedBankAccount } from '../../domain/bank-account.js';
import { outgoingAsOf } from '../../domain/velocity.js';

@QueryHandler(LookUpBankAccountQuery)
export class LookUpBankAccountHandler implements IQueryHandler<LookUpBankAccountQuery, BankAccountSummary | null> {
  constructor(
    private readonly repository: EventSourcingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ accountId }: LookUpBankAccountQuery): Promise<BankAccountSummary | null> {
    const { state } = await this.repository.load(BankAccount, accountId);
    if (!state.opened) return null;
    const account = state as OpenedBankAccount;
    return {
      id: account.id,
      ownerId: account.ownerId,
      currency: account.currency.code,
      status: account.status,
      balance: account.balance.toDecimalString(),
      overdraftLimit: account.overdraftLimit.toDecimalString(),
      availableBalance: availableBalance(account).toDecimalString(),
      outgoing: (({ lastDayMinor, lastHourCount }) => ({ lastDay: Money.ofMinor(lastDayMinor, account.currency).toDecimalString(), lastHour: lastHourCount }))(
        outgoingAsOf(account.recentOutgoing, this.clock.now()),
      ),
    };
  }
}
