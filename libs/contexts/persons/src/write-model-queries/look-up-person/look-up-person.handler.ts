import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { LookUpPersonQuery, type PersonSummary } from '../../contracts/look-up-person.query.js';
import { Person, fullName } from '../../domain/person.js';

@QueryHandler(LookUpPersonQuery)
export class LookUpPersonHandler implements IQueryHandler<LookUpPersonQuery, PersonSummary | null> {
  constructor(private readonly repository: EventSourcingRepository) {}

  async execute({ personId }: LookUpPersonQuery): Promise<PersonSummary | null> {
    const { state } = await this.repository.load(Person, personId);
    if (!state.registered) return null;
    return { id: state.id, fullName: fullName(state), ...(state.forgotten ? { forgotten: true as const } : {}) };
  }
}
