import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { ErasureGround } from '../../domain/person.events.js';
import type { PersonCommandResult } from '../register-person/register-person.command.js';

export class ForgetPersonCommand extends Command<PersonCommandResult> {
  constructor(
    readonly personId: string,
    readonly reason: ErasureGround,
    readonly reference: string | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
