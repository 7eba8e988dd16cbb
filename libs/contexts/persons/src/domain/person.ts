import type { AggregateDefinition } from '@openbank/shared-kernel';
import { DateOfBirthInFuture, InvalidPersonName, PersonAlreadyRegistered, PersonNotFound } from './person.errors.js';
import {
  PersonAddressChangedDomainEventV2,
  PersonRegisteredDomainEventV1,
  type Address,
  type Gender,
  type PersonEvent,
} from './person.events.js';

export interface PersonState {
  readonly id: string;
  readonly registered: boolean;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly nationality: string;
  readonly gender?: Gender;
  readonly address?: Address;
  readonly registeredAt?: string;
}

export const Person: AggregateDefinition<PersonState, PersonEvent> = {
  type: 'Person',
  category: 'person',
  events: [PersonRegisteredDomainEventV1, PersonAddressChangedDomainEventV2],
  initialState: (id) => ({ id, registered: false, firstName: '', lastName: '', dateOfBirth: '', nationality: '' }),
  evolve(state, event) {
    switch (event.type) {
      case 'PersonRegisteredDomainEventV1': {
        const { personId: _id, ...registration } = event.data;
        return { ...state, ...registration, registered: true };
      }
      case 'PersonAddressChangedDomainEventV2':
        return { ...state, address: event.data.address };
    }
  },
  snapshot: { schemaVersion: 1, encode: (state) => state, decode: (encoded) => encoded as PersonState },
};

export function fullName(person: Pick<PersonState, 'firstName' | 'lastName'>): string {
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
