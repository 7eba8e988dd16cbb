import { specFor } from '@openbank/testing';
import { Person, changeAddress, registerPerson, type RegisterPerson } from './person.js';
import { DateOfBirthInFuture, InvalidPersonName, PersonAlreadyRegistered, PersonNotFound } from './person.errors.js';
import { PersonAddressChangedDomainEventV2, PersonRegisteredDomainEventV1, type Address } from './person.events.js';
import { personAddressChangedV1ToV2 } from './person.upcasters.js';

const id = 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10';
const today = new Date('2026-11-22T10:00:00Z');
const alice: RegisterPerson = { firstName: 'Alice', lastName: 'Smith', dateOfBirth: '1990-05-15', nationality: 'US', gender: 'FEMALE' };
const registered = new PersonRegisteredDomainEventV1({ personId: id, ...alice, registeredAt: today.toISOString() });
const home: Address = { street: 'Main Street', number: '1', zipCode: '10001', city: 'New York', state: 'NY', country: 'US' };

describe('Person', () => {
  const person = specFor(Person, id);

  describe('registering', () => {
    it('records the registration', () => {
      const state = person.given().when((s) => registerPerson(s, alice, today)).then(registered);
      expect(state).toMatchObject({ registered: true, firstName: 'Alice', lastName: 'Smith' });
    });

    it('trims the names it records', () => {
      person
        .given()
        .when((s) => registerPerson(s, { ...alice, firstName: '  Alice ', lastName: ' Smith' }, today))
        .then(registered);
    });

    it('accepts a person born today', () => {
      person
        .given()
        .when((s) => registerPerson(s, { ...alice, dateOfBirth: '2026-11-22' }, today))
        .then(new PersonRegisteredDomainEventV1({ personId: id, ...alice, dateOfBirth: '2026-11-22', registeredAt: today.toISOString() }));
    });

    it('refuses a date of birth in the future', () => {
      person.given().when((s) => registerPerson(s, { ...alice, dateOfBirth: '2026-11-23' }, today)).thenRefuses(DateOfBirthInFuture, 'DATE_OF_BIRTH_IN_FUTURE');
    });

    it('refuses blank names', () => {
      person.given().when((s) => registerPerson(s, { ...alice, lastName: '   ' }, today)).thenRefuses(InvalidPersonName);
    });

    it('refuses to register the same person twice', () => {
      person.given(registered).when((s) => registerPerson(s, alice, today)).thenRefuses(PersonAlreadyRegistered, 'PERSON_ALREADY_REGISTERED');
    });
  });

  describe('changing the address', () => {
    it('records the new address', () => {
      const state = person
        .given(registered)
        .when((s) => changeAddress(s, home))
        .then(new PersonAddressChangedDomainEventV2({ personId: id, address: home }));
      expect(state.address).toEqual(home);
    });

    it('records nothing when the address is unchanged', () => {
      person
        .given(registered, new PersonAddressChangedDomainEventV2({ personId: id, address: home }))
        .when((s) => changeAddress(s, { ...home }))
        .then();
    });

    it('refuses for a person who was never registered', () => {
      person.given().when((s) => changeAddress(s, home)).thenRefuses(PersonNotFound);
    });
  });

  describe('upcasting PersonAddressChangedDomainEventV1', () => {
    it('keeps the free-text line as the street and carries the country over', () => {
      const upcast = personAddressChangedV1ToV2.upcast({ personId: id, addressLine: '12 Rue Royale, 1000 Brussels', country: 'BE' });
      expect(upcast).toEqual({
        personId: id,
        address: { street: '12 Rue Royale, 1000 Brussels', number: '', zipCode: '', city: '', country: 'BE' },
      });
    });
  });
});
