import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { Person, changeAddress } from '../../domain/person.js';
import type { PersonCommandResult } from '../register-person/register-person.command.js';
import { ChangePersonAddressCommand } from './change-person-address.command.js';

@CommandHandler(ChangePersonAddressCommand)
export class ChangePersonAddressHandler implements ICommandHandler<ChangePersonAddressCommand, PersonCommandResult> {
  constructor(private readonly runner: AggregateCommandRunner) {}

  async execute({ personId, address, context }: ChangePersonAddressCommand): Promise<PersonCommandResult> {
    const outcome = await this.runner.execute(Person, personId, context, (state) => changeAddress(state, address));
    return { person: outcome.state, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
