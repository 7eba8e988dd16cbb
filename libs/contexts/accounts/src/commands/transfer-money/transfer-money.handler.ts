import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, EventSourcingRepository, type OtherAggregates } from '@openbank/event-sourcing';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { BankAccount } from '../../domain/bank-account.js';
import { Transfer, initiateTransfer, transferAtOnce, type TransferRequest } from '../../domain/transfer.js';
import { holderOf } from '../holder-of.js';
import { legTransactionId } from './transfer-legs.js';
import { TransferMoneyCommand, type TransferMoneyResult } from './transfer-money.command.js';

/**
 * Where the event store appends to several streams atomically (KurrentDB 25.1 and later), a
 * transfer is one append of the debit, the credit, the holder's record and the transfer's own
 * events, each stream at its expected revision: it happens entirely or not at all, and a stream
 * that changed meanwhile makes the whole decision start over. This process's commands on either
 * account wait for it (and it for them) rather than race it into such conflicts; the holder's
 * stream is not held, as it is known only once the source is loaded. Elsewhere the transfer is
 * only initiated here, and the transfer process moves it step by step.
 */
@CommandHandler(TransferMoneyCommand)
export class TransferMoneyHandler implements ICommandHandler<TransferMoneyCommand, TransferMoneyResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly repository: EventSourcingRepository,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  async execute({ transferId, request, context }: TransferMoneyCommand): Promise<TransferMoneyResult> {
    const atOnce = await this.repository.appendsAtomicallyAcrossStreams();
    const outcome = await this.runner.execute(Transfer, transferId, context, async (transfer, now, _revision, others) => {
      const accounts = await partiesOf(request, others);
      if (!atOnce) return initiateTransfer(transfer, accounts, request, this.options.limits, now);
      const ids = { debit: legTransactionId(transferId, 'debit'), credit: legTransactionId(transferId, 'credit') };
      const decided = transferAtOnce(transfer, accounts, request, ids, this.options.limits, now);
      others.record(AccountHolder, accounts.sourceHolder.id, decided.sourceHolder);
      others.record(BankAccount, request.fromAccountId, decided.source);
      others.record(BankAccount, request.toAccountId, decided.target);
      return decided.transfer;
    }, { alsoWrites: atOnce ? [request.fromAccountId, request.toAccountId].map((id) => ({ definition: BankAccount, id })) : [] });
    return { transfer: outcome.state, revision: outcome.revision };
  }
}

async function partiesOf(request: TransferRequest, others: OtherAggregates) {
  const source = await others.load(BankAccount, request.fromAccountId);
  const target = await others.load(BankAccount, request.toAccountId);
  return { source, target, sourceHolder: await holderOf(source, others) };
}
