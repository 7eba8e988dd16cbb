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
    registered_at: new Date(person.registeredAt!),
    last_modified: lastModified,
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
