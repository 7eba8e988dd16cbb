import { Query } from '@nestjs/cqrs';

/** What other contexts may know of a person. */
export interface PersonSummary {
  readonly id: string;
  /** "(forgotten)" once the person is forgotten. */
  readonly fullName: string;
  /** The person is forgotten (GDPR Art. 17): the bank knows nothing of them any more. */
  readonly forgotten?: true;
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
