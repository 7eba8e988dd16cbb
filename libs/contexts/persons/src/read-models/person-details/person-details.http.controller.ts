import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type Page, UuidParam } from '@openbank/http-api';
import { GetPersonQuery } from './get-person.query.js';
import { ListPersonsQuery } from './list-persons.query.js';
import { ListPersonsRequest } from './list-persons.request.dto.js';
import { PersonResponse } from './person.response.js';
import { Access, param } from '@openbank/auth';

@ApiTags('persons')
@Controller('api/v1/persons')
export class PersonDetailsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access.staff()
  @ApiOperation({ summary: 'List persons, optionally filtered by name', operationId: 'listPersons' })
  @ApiPageResponse(PersonResponse)
  @ApiProblems(400, 503)
  async list(@QueryParams() request: ListPersonsRequest): Promise<Page<PersonResponse>> {
    const page = await this.queries.execute(new ListPersonsQuery(request, request.name));
    return { ...page, items: page.items.map(PersonResponse.fromDocument) };
  }

  @Get(':id')
  @Access.owner(param('person'))
  @ApiOperation({ summary: 'Get a person', operationId: 'getPerson' })
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 404, 503)
  async get(@UuidParam('id') id: string): Promise<PersonResponse> {
    return PersonResponse.fromDocument(await this.queries.execute(new GetPersonQuery(id)));
  }
}
