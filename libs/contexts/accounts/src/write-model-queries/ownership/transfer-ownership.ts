import { Injectable } from '@nestjs/common';
import { ResolvesOwnershipOf, type OwnershipResolver } from '@openbank/auth';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { BankAccount } from '../../domain/bank-account.js';
import { Transfer } from '../../domain/transfer.js';

/** A transfer belongs to the owners of both its accounts: either may follow it. */
@Injectable()
@ResolvesOwnershipOf('transfer', 'TRANSFER_NOT_FOUND')
export class TransferOwnership implements OwnershipResolver {
  constructor(private readonly repository: EventSourcingRepository) {}

  async ownersOf(transferId: string): Promise<readonly string[] | null> {
    const { state } = await this.repository.load(Transfer, transferId);
    if (!state.details) return null;
    const accounts = await Promise.all([state.details.fromAccountId, state.details.toAccountId].map((id) => this.repository.load(BankAccount, id)));
    return accounts.flatMap(({ state: account }) => (account.status === 'UNOPENED' ? [] : [account.ownerId]));
  }
}
