import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LookUpPersonQuery, type PersonSummary } from '@openbank/persons';

/** Owners of accounts, looked up in the persons context through its public query. */
@Injectable()
export class AccountOwners {
  constructor(private readonly queries: QueryBus) {}

  find(ownerId: string): Promise<PersonSummary | null> {
    return this.queries.execute(new LookUpPersonQuery(ownerId));
  }

  /** The owner's full name, or the id itself for an owner the persons context no longer knows. */
  async nameOf(ownerId: string): Promise<string> {
    return (await this.find(ownerId))?.fullName ?? ownerId;
  }
}
