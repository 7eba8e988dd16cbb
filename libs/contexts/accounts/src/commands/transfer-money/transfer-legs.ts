import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommandRunner, type CommandContext } from '@openbank/event-sourcing';
import { Money } from '@openbank/shared-kernel';
import { v5 as uuidv5 } from 'uuid';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { BankAccount } from '../../domain/bank-account.js';
import { creditForTransfer, debitForTransfer, reverseTransferDebit } from '../../domain/bank-account.money.js';
import type { InitiatedTransfer } from '../../domain/transfer.js';
import { holderOf } from '../holder-of.js';

export type TransferLeg = 'debit' | 'credit' | 'reversal';

const legNamespace = 'b1d3c2a4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** The transaction id of each leg of a transfer: the same whichever path moves it, and however often a step is retried. */
export function legTransactionId(transferId: string, leg: TransferLeg): string {
  return uuidv5(`${transferId}:${leg}`, legNamespace);
}

/**
 * The legs of a transfer moved step by step, each recorded on its account by the accounts' own
 * rules (the debit also on the source's holder). Each answers the transaction it recorded.
 */
@Injectable()
export class TransferLegs {
  constructor(
    private readonly runner: AggregateCommandRunner,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  async debit(transfer: InitiatedTransfer, context: CommandContext): Promise<string> {
    const { fromAccountId, toAccountId } = transfer.details;
    const debit = { ...this.movement(transfer, 'debit'), toAccountId };
    await this.runner.execute(BankAccount, fromAccountId, context, async (account, now, _revision, others) => {
      const holder = await holderOf(account, others);
      const decided = debitForTransfer(account, holder, debit, this.options.limits, now);
      others.record(AccountHolder, holder.id, decided.holder);
      return decided.account;
    });
    return debit.transactionId;
  }

  async credit(transfer: InitiatedTransfer, context: CommandContext): Promise<string> {
    const { fromAccountId, toAccountId, amount } = transfer.details;
    const credit = { ...this.movement(transfer, 'credit'), fromAccountId, currency: amount.currency };
    await this.runner.execute(BankAccount, toAccountId, context, (account, now) => creditForTransfer(account, credit, this.options.limits, now));
    return credit.transactionId;
  }

  async reverse(transfer: InitiatedTransfer, context: CommandContext): Promise<string> {
    const reversal = {
      ...this.movement(transfer, 'reversal'),
      description: `Reversal of transfer ${transfer.id}: ${transfer.failure?.reason ?? 'refused'}`,
      reverses: transfer.debitTransactionId!,
    };
    await this.runner.execute(BankAccount, transfer.details.fromAccountId, context, (account, now) => reverseTransferDebit(account, reversal, now));
    return reversal.transactionId;
  }

  private movement(transfer: InitiatedTransfer, leg: TransferLeg) {
    return {
      transactionId: legTransactionId(transfer.id, leg),
      amount: Money.fromJSON(transfer.details.amount).toDecimalString(),
      description: transfer.details.description,
      transferId: transfer.id,
    };
  }
}
