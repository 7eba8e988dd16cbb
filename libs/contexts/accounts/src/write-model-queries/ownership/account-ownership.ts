import { Injectable } from '@nestjs/common';
import { ResolvesOwnershipOf, type OwnershipResolver } from '@openbank/auth';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { BankAccount } from '../../domain/bank-account.js';

/** An account belongs to its owner (from the write model, so a new account is known at once). */
@Injectable()
@ResolvesOwnershipOf('account', 'BANK_ACCOUNT_NOT_FOUND')
export class AccountOwnership implements OwnershipResolver {
  constructor(private readonly repository: EventSourcingRepository) {}

  async ownersOf(accountId: string): Promise<readonly string[] | null> {
    const { state } = await this.repository.load(BankAccount, accountId);
    return state.status === 'UNOPENED' ? null : [state.ownerId];
  }
}
