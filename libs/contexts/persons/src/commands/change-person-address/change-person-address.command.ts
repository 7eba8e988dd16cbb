import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { Address } from '../../domain/person.events.js';
import type { PersonCommandResult } from '../register-person/register-person.command.js';

export class ChangePersonAddressCommand extends Command<PersonCommandResult> {
  constructor(
    readonly personId: string,
    readonly address: Address,
    readonly context: CommandContext,
  ) {
    super();
  }
}
