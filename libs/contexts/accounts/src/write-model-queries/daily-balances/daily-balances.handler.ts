import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { DailyClosingBalancesQuery, type DailyClosingBalance, type DailyClosingBalances } from './daily-balances.query.js';
import { BankAccount, type BankAccountState } from '../../domain/bank-account.js';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';

const dayMs = 86_400_000;
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

@QueryHandler(DailyClosingBalancesQuery)
export class DailyClosingBalancesHandler implements IQueryHandler<DailyClosingBalancesQuery, DailyClosingBalances> {
  constructor(private readonly repository: EventSourcingRepository) {}

  async execute({ accountId, from, to }: DailyClosingBalancesQuery): Promise<DailyClosingBalances> {
    const current = await this.repository.load(BankAccount, accountId);
    if (current.state.status === 'UNOPENED') throw new BankAccountNotFound(`bank account ${accountId} does not exist`, { accountId });
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`);

    const opening = await this.repository.loadAt(BankAccount, accountId, { at: new Date(start - 1) });
    let state: BankAccountState = opening.state;
    const days: DailyClosingBalance[] = [];
    let day = start;
    const closeDaysBefore = (instant: number) => {
      for (; day + dayMs <= instant && day < end; day += dayMs) days.push({ day: dayOf(new Date(day)), closingMinor: state.status === 'UNOPENED' ? 0 : state.balance.minor });
    };
    for await (const recorded of this.repository.history(BankAccount, accountId, { after: opening.revision })) {
      const occurred = Date.parse(recorded.metadata.occurredAt);
      if (occurred >= end) break;
      closeDaysBefore(occurred);
      state = BankAccount.evolve(state, recorded.event);
    }
    closeDaysBefore(end);
    return { currency: current.state.currency.code, days };
  }
}
