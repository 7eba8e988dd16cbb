import { Body, Controller, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: "Change a person's address", operationId: 'changePersonAddress' })
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
