import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, EventSourcingRepository, PersonalDataErasers, PersonalDataProtection } from '@openbank/event-sourcing';
import { Person, assertRegistered, forgetPerson } from '../../domain/person.js';
import type { PersonCommandResult } from '../register-person/register-person.command.js';
import { ForgetPersonCommand } from './forget-person.command.js';

/**
 * Forgets a person by deleting their key first: from that moment every sealed copy of their data
 * (events, snapshots, backups of the event store) is unreadable, whatever happens next. Then the
 * PersonForgotten event tells the read side, and the copies kept in clear outside the event store
 * (answers kept for replays) are erased. Each step is idempotent: a retry completes what a failed
 * attempt left undone.
 */
@CommandHandler(ForgetPersonCommand)
export class ForgetPersonHandler implements ICommandHandler<ForgetPersonCommand, PersonCommandResult> {
  private readonly logger = new Logger(ForgetPersonHandler.name);

  constructor(
    private readonly repository: EventSourcingRepository,
    private readonly runner: AggregateCommandRunner,
    private readonly protection: PersonalDataProtection,
    private readonly erasers: PersonalDataErasers,
  ) {}

  async execute({ personId, reason, reference, context }: ForgetPersonCommand): Promise<PersonCommandResult> {
    assertRegistered((await this.repository.load(Person, personId)).state);
    await this.protection.forget(personId);
    const outcome = await this.runner.execute(Person, personId, context, (state, now) => forgetPerson(state, reason, reference, now));
    const erased = await this.erasers.eraseEverywhere(personId);
    this.logger.log({ msg: 'person forgotten', personId, reason, erased });
    return { person: outcome.state, revision: outcome.revision, occurredAt: outcome.occurredAt ?? outcome.state.forgottenAt! };
  }
}
