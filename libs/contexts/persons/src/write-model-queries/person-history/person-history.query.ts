import { Query } from '@nestjs/cqrs';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import type { PersonState } from '../../domain/person.js';
import type { PersonEvent } from '../../domain/person.events.js';

export interface PersonHistoryEntry {
  readonly recorded: RecordedDomainEvent<PersonEvent>;
  /** The person right after this event. */
  readonly after: PersonState;
}

export interface PersonHistoryPage {
  readonly entries: PersonHistoryEntry[];
  /** The revision to ask for next, when there are more events. */
  readonly nextFromRevision?: number;
}

/** The person's event timeline, read from their stream: a history query, so it replays. */
export class PersonHistoryQuery extends Query<PersonHistoryPage> {
  constructor(
    readonly personId: string,
    readonly fromRevision: number,
    readonly limit: number,
  ) {
    super();
  }
}
