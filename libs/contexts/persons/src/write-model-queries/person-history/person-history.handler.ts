import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { Person, type PersonState } from '../../domain/person.js';
import { PersonNotFound } from '../../domain/person.errors.js';
import { PersonHistoryQuery, type PersonHistoryEntry, type PersonHistoryPage } from './person-history.query.js';

@QueryHandler(PersonHistoryQuery)
export class PersonHistoryHandler implements IQueryHandler<PersonHistoryQuery, PersonHistoryPage> {
  constructor(private readonly repository: EventSourcingRepository) {}

  async execute({ personId, fromRevision, limit }: PersonHistoryQuery): Promise<PersonHistoryPage> {
    // The person before the page (from a snapshot when one is early enough) gives each entry the state after it.
    const before = await this.repository.loadAt(Person, personId, { revision: BigInt(fromRevision) - 1n });
    let state: PersonState = before.state;
    const entries: PersonHistoryEntry[] = [];
    for await (const recorded of this.repository.history(Person, personId, { after: before.revision })) {
      if (entries.length === limit) return { entries, nextFromRevision: Number(recorded.revision) };
      state = Person.evolve(state, recorded.event);
      entries.push({ recorded, after: state });
    }
    if (entries.length === 0 && !state.registered) throw new PersonNotFound(`person ${personId} does not exist`, { personId });
    return { entries };
  }
}
