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

/**
 * A personal datum of an event: stored sealed under the person's key, it reads as null once the
 * person is forgotten (the key deleted), and the event's data then says `forgotten: true`.
 */
export type Personal<T> = T | null;

export interface PersonRegistered {
  readonly personId: string;
  readonly firstName: Personal<string>;
  readonly lastName: Personal<string>;
  /** Calendar date, YYYY-MM-DD. */
  readonly dateOfBirth: Personal<string>;
  /** ISO 3166-1 alpha-2. */
  readonly nationality: Personal<string>;
  readonly gender: Personal<Gender>;
  readonly address?: Personal<Address>;
  /** ISO-8601 instant of the registration. */
  readonly registeredAt: string;
  readonly forgotten?: true;
}

export class PersonRegisteredDomainEventV1 extends domainEvent('PersonRegisteredDomainEventV1')<PersonRegistered>() {}

export interface PersonAddressChanged {
  readonly personId: string;
  readonly address: Personal<Address>;
  readonly forgotten?: true;
}

/**
 * V2 carries a structured address. V1 (written by the first version of the API) carried a single
 * free-text line and a country; see person.upcasters.ts.
 */
export class PersonAddressChangedDomainEventV2 extends domainEvent('PersonAddressChangedDomainEventV2')<PersonAddressChanged>() {}

/** The legal grounds of GDPR Art. 17(1) for erasing a person's data. */
export const erasureGrounds = ['NO_LONGER_NECESSARY', 'CONSENT_WITHDRAWN', 'OBJECTION', 'UNLAWFUL_PROCESSING', 'LEGAL_OBLIGATION', 'CHILD_CONSENT'] as const;
export type ErasureGround = (typeof erasureGrounds)[number];

/**
 * The person's key was deleted: their personal data in every event and snapshot is unreadable
 * from then on. Holds no personal data itself: a ground and, at most, a case reference.
 */
export interface PersonForgotten {
  readonly personId: string;
  readonly reason: ErasureGround;
  readonly reference?: string;
  readonly forgottenAt: string;
}

export class PersonForgottenDomainEventV1 extends domainEvent('PersonForgottenDomainEventV1')<PersonForgotten>() {}

export type PersonEvent = PersonRegisteredDomainEventV1 | PersonAddressChangedDomainEventV2 | PersonForgottenDomainEventV1;
