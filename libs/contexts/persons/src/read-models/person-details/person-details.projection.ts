import { Inject } from '@nestjs/common';
import { EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { AggregateDocumentProjection, Projection, READ_MODEL_STORE, type ReadModelStore } from '@openbank/projections';
import { Person, type PersonState } from '../../domain/person.js';
import { PersonAddressChangedDomainEventV2, PersonRegisteredDomainEventV1, type Address, type PersonEvent } from '../../domain/person.events.js';
import { PersonDetails, nameWords, personsCollection, type PersonAddressDocument } from './person-details.schema.js';

@Projection('person-details', PersonRegisteredDomainEventV1, PersonAddressChangedDomainEventV2)
export class PersonDetailsProjection extends AggregateDocumentProjection<PersonDetails, PersonEvent> {
  protected readonly collectionName = personsCollection;

  constructor(
    @Inject(READ_MODEL_STORE) protected readonly store: ReadModelStore,
    private readonly repository: EventSourcingRepository,
  ) {
    super();
  }

  protected evolve(current: PersonDetails | null, { event, revision, metadata }: RecordedDomainEvent<PersonEvent>): PersonDetails {
    const modified = new Date(metadata.occurredAt);
    switch (event.type) {
      case 'PersonRegisteredDomainEventV1':
        return documentOf(Person.evolve(Person.initialState(event.data.personId), event), revision, modified);
      case 'PersonAddressChangedDomainEventV2':
        return { ...current!, address: addressDocument(event.data.address), last_modified: modified };
    }
  }

  protected async fromWriteModel(personId: string, revision?: bigint): Promise<PersonDetails | null> {
    const loaded = revision === undefined ? await this.repository.load(Person, personId, { useCache: false }) : await this.repository.loadAt(Person, personId, { revision });
    if (!loaded.state.registered) return null;
    return documentOf(loaded.state, loaded.revision, new Date(loaded.lastOccurredAt ?? loaded.state.registeredAt!));
  }
}

function documentOf(person: PersonState, revision: bigint, lastModified: Date): PersonDetails {
  return {
    _id: person.id,
    first_name: person.firstName,
    last_name: person.lastName,
    name_words: nameWords(person.firstName, person.lastName),
    date_of_birth: person.dateOfBirth,
    nationality: person.nationality,
    gender: person.gender!,
    ...(person.address ? { address: addressDocument(person.address) } : {}),
    registered_at: new Date(person.registeredAt!),
    last_modified: lastModified,
    last_revision: Number(revision),
  };
}

function addressDocument(address: Address): PersonAddressDocument {
  return {
    street: address.street,
    number: address.number,
    zip_code: address.zipCode,
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    country: address.country,
  };
}
