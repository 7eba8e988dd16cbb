import type { AggregateDefinition } from '@openbank/shared-kernel';
import { DateOfBirthInFuture, InvalidPersonName, PersonAlreadyRegistered, PersonIsForgotten, PersonNotFound } from './person.errors.js';
import {
  PersonAddressChangedDomainEventV2,
  PersonForgottenDomainEventV1,
  PersonRegisteredDomainEventV1,
  type Address,
  type ErasureGround,
  type Gender,
  type PersonEvent,
  type Personal,
} from './person.events.js';

export interface PersonState {
  readonly id: string;
  readonly registered: boolean;
  readonly firstName: Personal<string>;
  readonly lastName: Personal<string>;
  readonly dateOfBirth: Personal<string>;
  readonly nationality: Personal<string>;
  readonly gender?: Personal<Gender>;
  readonly address?: Address;
  readonly registeredAt?: string;
  /** The person's data reads as forgotten (their key is deleted). */
  readonly forgotten?: true;
  /** When the person was forgotten (PersonForgotten recorded). */
  readonly forgottenAt?: string;
}

/** What a forgotten person's state and documents show in place of their data. */
const forgottenData = { firstName: null, lastName: null, dateOfBirth: null, nationality: null, gender: null, address: undefined, forgotten: true } as const;

export const Person: AggregateDefinition<PersonState, PersonEvent> = {
  type: 'Person',
  category: 'person',
  events: [PersonRegisteredDomainEventV1, PersonAddressChangedDomainEventV2, PersonForgottenDomainEventV1],
  initialState: (id) => ({ id, registered: false, firstName: '', lastName: '', dateOfBirth: '', nationality: '' }),
  evolve(state, event) {
    switch (event.type) {
      case 'PersonRegisteredDomainEventV1': {
        const { personId: _id, address, ...registration } = event.data;
        return { ...state, ...registration, ...(address ? { address } : {}), registered: true };
      }
      case 'PersonAddressChangedDomainEventV2':
        return event.data.address ? { ...state, address: event.data.address } : { ...state, ...forgottenData };
      case 'PersonForgottenDomainEventV1':
        return { ...state, ...forgottenData, forgottenAt: event.data.forgottenAt };
    }
  },
  snapshot: { schemaVersion: 1, encode: (state) => state, decode: (encoded) => encoded as PersonState },
};

/** The fields of each person event that are personal data: sealed under the person's key in the event store. */
export const personalDataOfPersons = {
  aggregateType: Person.type,
  events: {
    [PersonRegisteredDomainEventV1.type]: ['firstName', 'lastName', 'dateOfBirth', 'nationality', 'gender', 'address'],
    [PersonAddressChangedDomainEventV2.type]: ['address'],
  },
};

/** The name a forgotten person goes by wherever a name is shown. */
export const forgottenPersonName = '(forgotten)';

export function fullName(person: Pick<PersonState, 'firstName' | 'lastName'>): string {
  if (person.firstName === null || person.lastName === null) return forgottenPersonName;
  return `${person.firstName} ${person.lastName}`;
}

export interface RegisterPerson {
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly nationality: string;
  readonly gender: Gender;
  readonly address?: Address;
}

export function registerPerson(state: PersonState, command: RegisterPerson, now: Date): PersonEvent[] {
  if (state.registered) throw new PersonAlreadyRegistered(`person ${state.id} is already registered`, { personId: state.id });
  const firstName = command.firstName.trim();
  const lastName = command.lastName.trim();
  if (!firstName || !lastName) throw new InvalidPersonName('first and last name must not be blank');
  if (command.dateOfBirth > now.toISOString().slice(0, 10)) {
    throw new DateOfBirthInFuture(`date of birth ${command.dateOfBirth} is in the future`, { dateOfBirth: command.dateOfBirth });
  }
  return [new PersonRegisteredDomainEventV1({ personId: state.id, ...command, firstName, lastName, registeredAt: now.toISOString() })];
}

export function changeAddress(state: PersonState, address: Address): PersonEvent[] {
  assertRegistered(state);
  if (state.forgotten) throw new PersonIsForgotten(`person ${state.id} is forgotten: there is no data of theirs to change`, { personId: state.id });
  if (sameAddress(state.address, address)) return [];
  return [new PersonAddressChangedDomainEventV2({ personId: state.id, address })];
}

export function assertRegistered(state: PersonState): void {
  if (!state.registered) throw new PersonNotFound(`person ${state.id} does not exist`, { personId: state.id });
}

const addressFields = ['street', 'number', 'zipCode', 'city', 'state', 'country'] as const;

function sameAddress(a: Address | undefined, b: Address): boolean {
  return a !== undefined && addressFields.every((field) => (a[field] ?? '') === (b[field] ?? ''));
}

/** Forgetting a person once is enough: asking again records nothing more. */
export function forgetPerson(state: PersonState, reason: ErasureGround, reference: string | undefined, now: Date): PersonEvent[] {
  assertRegistered(state);
  if (state.forgottenAt !== undefined) return [];
  return [new PersonForgottenDomainEventV1({ personId: state.id, reason, ...(reference ? { reference } : {}), forgottenAt: now.toISOString() })];
}
