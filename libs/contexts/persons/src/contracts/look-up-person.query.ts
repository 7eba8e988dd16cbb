import { Query } from '@nestjs/cqrs';

/** What other contexts may know of a person. */
export interface PersonSummary {
  readonly id: string;
  readonly fullName: string;
}

/**
 * Looks a person up in the write model, so a person registered a moment ago is found even before
 * the read models catch up. Answers null for an unknown id.
 */
export class LookUpPersonQuery extends Query<PersonSummary | null> {
  constructor(readonly personId: string) {
    super();
  }
}
