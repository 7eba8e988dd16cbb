import { Query } from '@nestjs/cqrs';
import type { PersonDetails } from './person-details.schema.js';

export class GetPersonQuery extends Query<PersonDetails> {
  constructor(readonly personId: string) {
    super();
  }
}
