import { domainEvent } from '@openbank/shared-kernel';

export type Gender = 'MALE' | 'FEMALE' | 'OTHER';

export interface Address {
  readonly street: string;
  readonly number: string;
  readonly zipCode: string;
  readonly city: string;
  readonly state?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

export interface PersonRegistered {
  readonly personId: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Calendar date, YYYY-MM-DD. */
  readonly dateOfBirth: string;
  /** ISO 3166-1 alpha-2. */
  readonly nationality: string;
  readonly gender: Gender;
  readonly address?: Address;
  /** ISO-8601 instant of the registration. */
  readonly registeredAt: string;
}

export class PersonRegisteredDomainEventV1 extends domainEvent('PersonRegisteredDomainEventV1')<PersonRegistered>() {}

export interface PersonAddressChanged {
  readonly personId: string;
  readonly address: Address;
}

/**
 * V2 carries a structured address. V1 (written by the first version of the API) carried a single
 * free-text line and a country; see person.upcasters.ts.
 */
export class PersonAddressChangedDomainEventV2 extends domainEvent('PersonAddressChangedDomainEventV2')<PersonAddressChanged>() {}

export type PersonEvent = PersonRegisteredDomainEventV1 | PersonAddressChangedDomainEventV2;
