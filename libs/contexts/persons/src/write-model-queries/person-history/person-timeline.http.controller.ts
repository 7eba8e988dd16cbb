import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, param } from '@openbank/auth';
import { ApiProblems, UuidParam } from '@openbank/http-api';
import { PersonHistoryQuery } from './person-history.query.js';
import { PersonHistoryRequest } from './person-history.request.dto.js';
import { PersonHistoryEntryResponse, PersonHistoryResponse } from './person-history.response.js';

/** Questions about a person's past, answered from their stream. */
@ApiTags('persons')
@Controller('api/v1/persons')
export class PersonTimelineHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @Access.owner(param('person'))
  @ApiParam({ name: 'id', description: "The person's id (in the examples: Alice's, as POST /api/v1/persons answered)", example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' })
  @ApiOperation({
    summary: "A person's event timeline: who did what, when",
    description: 'Replayed from the person’s stream, so it is never behind. Each entry names the acting principal recorded with the event.',
    operationId: 'getPersonHistory',
  })
  @ApiOkResponse({ type: PersonHistoryResponse })
  @ApiProblems(400, 404, 503)
  async history(@UuidParam('id') id: string, @QueryParams() request: PersonHistoryRequest): Promise<PersonHistoryResponse> {
    const page = await this.queries.execute(new PersonHistoryQuery(id, request.from_revision, request.limit));
    return { items: page.entries.map(PersonHistoryEntryResponse.of), ...(page.nextFromRevision !== undefined ? { next_from_revision: page.nextFromRevision } : {}) };
  }
}
