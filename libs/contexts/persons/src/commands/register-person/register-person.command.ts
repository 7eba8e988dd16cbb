import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { PersonState, RegisterPerson } from '../../domain/person.js';

export interface PersonCommandResult {
  readonly person: PersonState;
  readonly revision: bigint;
  /** Business time of the person's last event. */
  readonly occurredAt: string;
}

export class RegisterPersonCommand extends Command<PersonCommandResult> {
  constructor(
    readonly personId: string,
    readonly registration: RegisterPerson,
    readonly context: CommandContext,
  ) {
    super();
  }
}
