import { Injectable } from '@nestjs/common';
import { ResolvesOwnershipOf, type OwnershipResolver } from '@openbank/auth';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { Person } from '../../domain/person.js';

/** A person is their own: a customer bound to person P may act on P only. */
@Injectable()
@ResolvesOwnershipOf('person', 'PERSON_NOT_FOUND')
export class PersonOwnership implements OwnershipResolver {
  constructor(private readonly repository: EventSourcingRepository) {}

  async ownersOf(personId: string): Promise<readonly string[] | null> {
    const { state } = await this.repository.load(Person, personId);
    return state.registered ? [personId] : null;
  }
}
