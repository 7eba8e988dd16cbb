import { Inject, Optional } from '@nestjs/common';
import { EventSourcingRepository, PersonalDataProtection, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { AggregateDocumentProjection, Projection, READ_MODEL_STORE, type ReadModelStore } from '@openbank/projections';
import { Person } from '../../domain/person.js';
import { PersonAddressChangedDomainEventV2, PersonForgottenDomainEventV1, PersonRegisteredDomainEventV1, type PersonEvent } from '../../domain/person.events.js';
import { forgottenPersonDocument, personAddressDocument, personDocumentOf } from './person-document.js';
import { PersonDetails, personsCollection } from './person-details.schema.js';

@Projection('person-details', PersonRegisteredDomainEventV1, PersonAddressChangedDomainEventV2, PersonForgottenDomainEventV1)
export class PersonDetailsProjection extends AggregateDocumentProjection<PersonDetails, PersonEvent> {
  protected readonly collectionName = personsCollection;

  constructor(
    @Inject(READ_MODEL_STORE) protected readonly store: ReadModelStore,
    private readonly repository: EventSourcingRepository,
    @Optional() private readonly protection: PersonalDataProtection = new PersonalDataProtection(),
  ) {
    super();
  }

  /**
   * A PersonForgotten event also deletes the person's key (again: the command deleted it first).
   * Deleting twice changes nothing; but after a MongoDB backup taken earlier is restored, with
   * the key in it, rebuilding this projection deletes every forgotten person's key once more.
   */
  override async project(batch: readonly RecordedDomainEvent<PersonEvent>[]): Promise<PersonDetails[]> {
    const forgotten = batch.filter(({ event }) => event.type === 'PersonForgottenDomainEventV1');
    await Promise.all(forgotten.map(({ event }) => this.protection.forget(event.data.personId)));
    return super.project(batch);
  }

  protected evolve(current: PersonDetails | null, { event, revision, metadata }: RecordedDomainEvent<PersonEvent>): PersonDetails {
    const modified = new Date(metadata.occurredAt);
    switch (event.type) {
      case 'PersonRegisteredDomainEventV1':
        return personDocumentOf(Person.evolve(Person.initialState(event.data.personId), event), revision, modified);
      case 'PersonAddressChangedDomainEventV2':
        // A null address: the person is forgotten (their key is deleted), whether or not PersonForgotten was projected yet.
        if (!event.data.address) return forgottenPersonDocument(current!, revision, modified);
        return { ...current!, address: personAddressDocument(event.data.address), last_modified: modified };
      case 'PersonForgottenDomainEventV1':
        return forgottenPersonDocument(current!, revision, modified, new Date(event.data.forgottenAt));
    }
  }

  protected async fromWriteModel(personId: string, revision?: bigint): Promise<PersonDetails | null> {
    const loaded = revision === undefined ? await this.repository.load(Person, personId, { useCache: false }) : await this.repository.loadAt(Person, personId, { revision });
    if (!loaded.state.registered) return null;
    return personDocumentOf(loaded.state, loaded.revision, new Date(loaded.lastOccurredAt ?? loaded.state.registeredAt!));
  }
}
