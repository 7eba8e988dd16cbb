import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'List persons, optionally filtered by name',
    description: 'Staff only. A page of persons (page_size up to 100), only those whose name matches `name` when given; from the read model.',
    operationId: 'listPersons',
  })
  @ApiPageResponse(PersonResponse)
  @ApiProblems(400, 503)
  async list(@QueryParams() request: ListPersonsRequest): Promise<Page<PersonResponse>> {
    const page = await this.queries.execute(new ListPersonsQuery(request, request.name));
    return { ...page, items: page.items.map(PersonResponse.fromDocument) };
  }

  @Get(':id')
  @Access.owner(param('person'))
  @ApiParam({ name: 'id', description: "The person's id (in the examples: Alice's, as POST /api/v1/persons answered)", example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' })
  @ApiOperation({
    summary: 'Get a person',
    description: 'Staff, or the customer who is this person (anyone else gets 404, as for a person that does not exist). From the read model, a few milliseconds behind the commands (compare `revision`).',
    operationId: 'getPerson',
  })
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 404, 503)
  async get(@UuidParam('id') id: string): Promise<PersonResponse> {
    return PersonResponse.fromDocument(await this.queries.execute(new GetPersonQuery(id)));
  }
}
