import { Inject } from '@nestjs/common';
import { EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { PersonForgottenDomainEventV1, PersonRegisteredDomainEventV1, forgottenPersonName, fullName } from '@openbank/persons';
import { AggregateDocumentProjection, Projection, READ_MODEL_STORE, type ReadModelStore } from '@openbank/projections';
import { BankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import type { BankAccountEvent } from '../../domain/bank-account.events.js';
import { bankAccountDocumentOf, bankAccountStateOf, isCompleteBankAccountDocument } from './bank-account-document.js';
import { BankAccountDetails, bankAccountsCollection } from './bank-account-details.schema.js';
import { AccountOwnerNames } from './account-owner-names.js';

type Event = BankAccountEvent | PersonRegisteredDomainEventV1 | PersonForgottenDomainEventV1;
type PersonEvent = PersonRegisteredDomainEventV1 | PersonForgottenDomainEventV1;

/**
 * Keeps `bank_accounts` by running the aggregate's own evolve on the state held in each document,
 * so the read model can never disagree with the domain about what an event means. Owners' names
 * come from the persons' own events (kept in `account_owner_names`), never from a question to
 * another context per event: a rebuild reads the event store and nothing else.
 */
@Projection('bank-account-details', PersonRegisteredDomainEventV1, PersonForgottenDomainEventV1, ...BankAccount.events)
export class BankAccountDetailsProjection extends AggregateDocumentProjection<BankAccountDetails, BankAccountEvent> {
  protected readonly collectionName = bankAccountsCollection;
  private readonly owners: AccountOwnerNames;

  constructor(
    @Inject(READ_MODEL_STORE) protected readonly store: ReadModelStore,
    private readonly repository: EventSourcingRepository,
  ) {
    super();
    this.owners = new AccountOwnerNames(store);
  }

  override async project(batch: readonly RecordedDomainEvent<Event>[]): Promise<BankAccountDetails[]> {
    const persons = batch.filter((record): record is RecordedDomainEvent<PersonEvent> => isPersonEvent(record.event));
    // Names first: an account opened in the same batch finds its owner's name. A forgotten
    // person's registration reads without names: their accounts show them as forgotten.
    await this.owners.learn(persons.map(({ event }) => ({ personId: event.data.personId, name: ownerNameAfter(event) })), this.documents);
    const written = await super.project(batch.filter((record): record is RecordedDomainEvent<BankAccountEvent> => !isPersonEvent(record.event)));
    await this.owners.settle(
      written.filter((document) => document.owner === document.owner_id).map((document) => document.owner_id),
      this.documents,
    );
    return written;
  }

  override async reset(): Promise<void> {
    await super.reset();
    await this.owners.forgetAll();
  }

  override forgetCached(): void {
    super.forgetCached();
    this.owners.forgetCached();
  }

  protected async evolve(stored: BankAccountDetails | null, record: RecordedDomainEvent<BankAccountEvent>): Promise<BankAccountDetails> {
    // A document written before the account's type and totals were kept is rebuilt from the write model first.
    const current = stored && !isCompleteBankAccountDocument(stored) ? await this.fromWriteModel(stored._id, record.revision - 1n) : stored;
    const before = current ? bankAccountStateOf(current) : BankAccount.initialState(record.metadata.aggregateId);
    const after = BankAccount.evolve(before, record.event) as OpenedBankAccount;
    const owner = current && current.owner !== current.owner_id ? current.owner : await this.owners.nameOf(after.ownerId);
    return bankAccountDocumentOf(after, owner, record.revision, new Date(record.metadata.occurredAt));
  }

  protected async fromWriteModel(accountId: string, revision?: bigint): Promise<BankAccountDetails | null> {
    const loaded =
      revision === undefined ? await this.repository.load(BankAccount, accountId, { useCache: false }) : await this.repository.loadAt(BankAccount, accountId, { revision });
    if (loaded.state.status === 'UNOPENED') return null;
    const account = loaded.state;
    return bankAccountDocumentOf(account, await this.owners.nameOf(account.ownerId), loaded.revision, new Date(loaded.lastOccurredAt ?? account.openedAt));
  }
}

function isPersonEvent(event: Event): event is PersonEvent {
  return event.type === 'PersonRegisteredDomainEventV1' || event.type === 'PersonForgottenDomainEventV1';
}

function ownerNameAfter(event: PersonEvent): string {
  return event.type === 'PersonForgottenDomainEventV1' ? forgottenPersonName : fullName(event.data);
}
