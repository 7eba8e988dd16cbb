import { Query } from '@nestjs/cqrs';
import type { Page, PageQuery } from '@openbank/http-api';
import type { PersonDetails } from './person-details.schema.js';

export class ListPersonsQuery extends Query<Page<PersonDetails>> {
  constructor(
    readonly page: PageQuery,
    /** Matches persons one of whose name words starts with this text, case-insensitively. */
    readonly name?: string,
  ) {
    super();
  }
}
