import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, CLOCK } from '@openbank/event-sourcing';
import type { Clock } from '@openbank/shared-kernel';
import { Person, registerPerson } from '../../domain/person.js';
import { RegisterPersonCommand, type PersonCommandResult } from './register-person.command.js';

@CommandHandler(RegisterPersonCommand)
export class RegisterPersonHandler implements ICommandHandler<RegisterPersonCommand, PersonCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ personId, registration, context }: RegisterPersonCommand): Promise<PersonCommandResult> {
    const outcome = await this.runner.execute(Person, personId, context, (state) => registerPerson(state, registration, this.clock.now()));
    return { person: outcome.state, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
