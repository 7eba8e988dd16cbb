import type { Address, PersonAddressChanged } from './person.events.js';

/** Data of PersonAddressChangedDomainEventV1, as the first version of the API stored it. */
export interface PersonAddressChangedV1 {
  readonly personId: string;
  /** The whole address as one free-text line, e.g. "12 Rue Royale, 1000 Brussels". */
  readonly addressLine: string;
  readonly country: string;
}

/**
 * V1 → V2: a free-text line cannot be split into street, number, zip code and city without
 * guessing, so the whole line is kept as the street and the other parts stay empty; the country
 * was already structured and carries over.
 */
export const personAddressChangedV1ToV2 = {
  fromType: 'PersonAddressChangedDomainEventV1',
  toType: 'PersonAddressChangedDomainEventV2',
  upcast(data: PersonAddressChangedV1): PersonAddressChanged {
    const address: Address = { street: data.addressLine, number: '', zipCode: '', city: '', country: data.country };
    return { personId: data.personId, address };
  },
};
