import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { BankAccountNotFound, LookUpBankAccountQuery, type BankAccountSummary } from '@openbank/accounts';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { Transfer, initiateTransfer, type TransferParty } from '../../domain/transfer.js';
import { TRANSACTIONS_OPTIONS, type TransactionsOptions } from '../../transactions.options.js';
import { TransferMoneyCommand, type InitiatedTransferResult } from './transfer-money.command.js';

@CommandHandler(TransferMoneyCommand)
export class TransferMoneyHandler implements ICommandHandler<TransferMoneyCommand, InitiatedTransferResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly queries: QueryBus,
    @Inject(TRANSACTIONS_OPTIONS) private readonly options: TransactionsOptions,
  ) {}

  async execute({ transferId, details, context }: TransferMoneyCommand): Promise<InitiatedTransferResult> {
    const [source, target] = await Promise.all([this.party(details.fromAccountId), this.party(details.toAccountId)]);
    const outcome = await this.runner.execute(Transfer, transferId, context, (state, now) =>
      initiateTransfer(
        state,
        { amount: details.amount, description: details.description, maximum: this.options.maximumAmount, velocity: this.options.velocity, parties: { source, target } },
        now,
      ),
    );
    return { transfer: outcome.state, revision: outcome.revision };
  }

  private async party(accountId: string): Promise<TransferParty> {
    const account: BankAccountSummary | null = await this.queries.execute(new LookUpBankAccountQuery(accountId));
    if (!account) throw new BankAccountNotFound(`bank account ${accountId} does not exist`, { accountId });
    return { id: account.id, currency: account.currency, status: account.status, available: account.availableBalance, outgoing: account.outgoing };
  }
}
