import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, CLOCK, ID_GENERATOR, newIdFor } from '@openbank/event-sourcing';
import type { Clock, IdGenerator } from '@openbank/shared-kernel';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { BankAccount } from '../../domain/bank-account.js';
import { creditInterest } from '../../domain/bank-account.money.js';
import { assertInterestPeriod, interestEarned } from '../../domain/interest.js';
import { DailyClosingBalancesQuery } from '../../write-model-queries/daily-balances/daily-balances.query.js';
import { recordedTransactionOf, type RecordedAccountTransaction } from '../recorded-transaction.js';
import { ApplyInterestCommand, type InterestTerms } from './apply-interest.command.js';

/**
 * Credits interest for a period of whole days that has ended. From a rate, the interest is simple
 * interest on each day's closing balance (ACT/365, see domain/interest.ts), rounded once, half to
 * even, to the minor unit. The account refuses a period overlapping one already paid.
 */
@CommandHandler(ApplyInterestCommand)
export class ApplyInterestHandler implements ICommandHandler<ApplyInterestCommand, RecordedAccountTransaction> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  async execute({ accountId, terms, from, to, context }: ApplyInterestCommand): Promise<RecordedAccountTransaction> {
    assertInterestPeriod(from, to, this.clock.now());
    const amount = await this.amountFor(accountId, terms, from, to);
    const description = 'annualRate' in terms ? `Interest ${from} to ${to} at ${terms.annualRate} a year` : `Interest ${from} to ${to}`;
    const interest = { transactionId: newIdFor(context, 'interest', this.ids), amount, description, period: { from, to } };
    const outcome = await this.runner.execute(BankAccount, accountId, context, (account, now) => creditInterest(account, interest, this.options.limits, now));
    return recordedTransactionOf(accountId, outcome);
  }

  private async amountFor(accountId: string, terms: InterestTerms, from: string, to: string): Promise<string> {
    if ('amount' in terms) return terms.amount;
    const balances = await this.queries.execute(new DailyClosingBalancesQuery(accountId, from, to));
    return interestEarned(
      balances.days.map((day) => day.closingMinor),
      terms.annualRate,
      balances.currency,
    ).toDecimalString();
  }
}
