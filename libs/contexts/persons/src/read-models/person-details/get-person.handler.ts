import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Model } from 'mongoose';
import { PersonNotFound } from '../../domain/person.errors.js';
import { PersonDetails } from './person-details.schema.js';
import { GetPersonQuery } from './get-person.query.js';

@QueryHandler(GetPersonQuery)
export class GetPersonHandler implements IQueryHandler<GetPersonQuery, PersonDetails> {
  constructor(@InjectModel(PersonDetails.name) private readonly persons: Model<PersonDetails>) {}

  async execute({ personId }: GetPersonQuery): Promise<PersonDetails> {
    const person = await this.persons.findById(personId).lean().exec();
    if (!person) throw new PersonNotFound(`person ${personId} does not exist`, { personId });
    return person;
  }
}
