import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pageOf, type Page } from '@openbank/http-api';
import { trusted, type Model, type QueryFilter } from 'mongoose';
import { PersonDetails } from './person-details.schema.js';
import { ListPersonsQuery } from './list-persons.query.js';

const regexSpecials = /[.*+?^${}()|[\]\\]/g;

@QueryHandler(ListPersonsQuery)
export class ListPersonsHandler implements IQueryHandler<ListPersonsQuery, Page<PersonDetails>> {
  constructor(@InjectModel(PersonDetails.name) private readonly persons: Model<PersonDetails>) {}

  async execute({ page, name }: ListPersonsQuery): Promise<Page<PersonDetails>> {
    const words = name?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    const filter: QueryFilter<PersonDetails> = words.length
      ? { $and: words.map((word) => ({ name_words: trusted({ $regex: `^${word.replace(regexSpecials, '\\$&')}` }) })) }
      : {};
    const [items, total] = await Promise.all([
      this.persons.find(filter).sort({ last_name: 1, first_name: 1, _id: 1 }).skip(page.skip).limit(page.page_size).lean().exec(),
      this.persons.countDocuments(filter).exec(),
    ]);
    return pageOf(items, page, total);
  }
}
