import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import type { CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext, UuidParam } from '@openbank/http-api';
import { personDocumentOf } from '../../read-models/person-details/person-document.js';
import { PersonResponse } from '../../read-models/person-details/person.response.js';
import { ForgetPersonCommand } from './forget-person.command.js';
import { ForgetPersonRequest } from './forget-person.request.dto.js';

@ApiTags('persons')
@Controller('api/v1/persons')
export class ForgetPersonHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/forget')
  @Access.staff()
  @HttpCode(200)
  @ApiParam({ name: 'id', description: "The person's id", example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' })
  @ApiOperation({
    summary: 'Forget a person (GDPR Art. 17)',
    description:
      "Staff only. Deletes the person's key, so their personal data (names, date of birth, nationality, gender, addresses) can never be read again from any event or snapshot, and records PersonForgotten with the ground and a case reference. Their accounts, balances and history stay; every read model, timeline and CloudEvent shows them as forgotten from then on. Asking again answers the same.",
    operationId: 'forgetPerson',
  })
  @AcceptsIdempotencyKey()
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 404, 503)
  async forget(@UuidParam('id') id: string, @Body() body: ForgetPersonRequest, @RequestCommandContext() context: CommandContext): Promise<PersonResponse> {
    const { person, revision, occurredAt } = await this.commands.execute(new ForgetPersonCommand(id, body.reason, body.reference, context));
    return PersonResponse.fromDocument(personDocumentOf(person, revision, new Date(occurredAt)));
  }
}
