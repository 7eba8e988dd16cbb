import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { Person, registerPerson } from '../../domain/person.js';
import { RegisterPersonCommand, type PersonCommandResult } from './register-person.command.js';

@CommandHandler(RegisterPersonCommand)
export class RegisterPersonHandler implements ICommandHandler<RegisterPersonCommand, PersonCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
  ) {}

  async execute({ personId, registration, context }: RegisterPersonCommand): Promise<PersonCommandResult> {
    const outcome = await this.runner.execute(Person, personId, context, (state, now) => registerPerson(state, registration, now));
    return { person: outcome.state, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
