import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_GENERATOR, newIdFor, type CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext } from '@openbank/http-api';
import type { IdGenerator } from '@openbank/shared-kernel';
import { personDocumentOf } from '../../read-models/person-details/person-document.js';
import { PersonResponse } from '../../read-models/person-details/person.response.js';
import { RegisterPersonCommand } from './register-person.command.js';
import { RegisterPersonRequest } from './register-person.request.dto.js';
import { Access } from '@openbank/auth';

@ApiTags('persons')
@Controller('api/v1/persons')
export class RegisterPersonHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Post()
  @Access.staff()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a person',
    description: 'Staff only. Answers the person as registered, with the id the bank gave them: the next examples (her accounts) use it. Names, a date of birth in the past and an ISO 3166 nationality are required; the address may come later. Send an Idempotency-Key to make a retry safe.',
    operationId: 'registerPerson',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: PersonResponse })
  @ApiProblems(400, 409, 422, 503)
  async register(@Body() body: RegisterPersonRequest, @RequestCommandContext() context: CommandContext): Promise<PersonResponse> {
    const { person, revision, occurredAt } = await this.commands.execute(new RegisterPersonCommand(newIdFor(context, 'person', this.ids), body.toRegistration(), context));
    return PersonResponse.fromDocument(personDocumentOf(person, revision, new Date(occurredAt)));
  }
}
