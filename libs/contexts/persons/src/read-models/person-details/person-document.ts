import type { PersonState } from '../../domain/person.js';
import type { Address } from '../../domain/person.events.js';
import { nameWords, type PersonAddressDocument, type PersonDetails } from './person-details.schema.js';

/** The document of a person in its state at `revision`: how the read model (and every command's answer) shows them. */
export function personDocumentOf(person: PersonState, revision: bigint, lastModified: Date): PersonDetails {
  return {
    _id: person.id,
    first_name: person.firstName,
    last_name: person.lastName,
    name_words: nameWords(person.firstName, person.lastName),
    date_of_birth: person.dateOfBirth,
    nationality: person.nationality,
    gender: person.gender!,
    ...(person.address ? { address: personAddressDocument(person.address) } : {}),
    ...(person.forgotten ? { forgotten: true } : {}),
    ...(person.forgottenAt ? { forgotten_at: new Date(person.forgottenAt) } : {}),
    registered_at: new Date(person.registeredAt!),
    last_modified: lastModified,
    last_revision: Number(revision),
  };
}

/** A forgotten person as the read model shows them: their id and dates, no personal datum. */
export function forgottenPersonDocument(current: PersonDetails, revision: bigint, at: Date, forgottenAt?: Date): PersonDetails {
  const { address: _address, ...kept } = current;
  return {
    ...kept,
    first_name: null,
    last_name: null,
    name_words: [],
    date_of_birth: null,
    nationality: null,
    gender: null,
    forgotten: true,
    ...(forgottenAt ?? current.forgotten_at ? { forgotten_at: forgottenAt ?? current.forgotten_at } : {}),
    last_modified: at,
    last_revision: Number(revision),
  };
}

export function personAddressDocument(address: Address): PersonAddressDocument {
  return {
    street: address.street,
    number: address.number,
    zip_code: address.zipCode,
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    country: address.country,
  };
}
