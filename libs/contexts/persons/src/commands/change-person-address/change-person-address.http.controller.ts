import { Body, Controller, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@openbank/event-sourcing';
import { ApiProblems, RequestCommandContext, UuidParam } from '@openbank/http-api';
import { personDocumentOf } from '../../read-models/person-details/person-document.js';
import { PersonResponse } from '../../read-models/person-details/person.response.js';
import { AddressRequest } from '../address.request.dto.js';
import { ChangePersonAddressCommand } from './change-person-address.command.js';
import { Access, param } from '@openbank/auth';

@ApiTags('persons')
@Controller('api/v1/persons')
export class ChangePersonAddressHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/address')
  @Access.owner(param('person'))
  @ApiParam({ name: 'id', description: "The person's id (in the examples: Alice's, as POST /api/v1/persons answered)", example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' })
  @ApiOperation({
    summary: "Change a person's address",
    description: "Staff, or the customer who is this person. Records the new address as an event of its own: the person's history keeps the old one.",
    operationId: 'changePersonAddress',
  })
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 404, 409, 503)
  async change(
    @UuidParam('id') id: string,
    @Body() body: AddressRequest,
    @RequestCommandContext() context: CommandContext,
  ): Promise<PersonResponse> {
    const { person, revision, occurredAt } = await this.commands.execute(new ChangePersonAddressCommand(id, body.toAddress(), context));
    return PersonResponse.fromDocument(personDocumentOf(person, revision, new Date(occurredAt)));
  }
}
