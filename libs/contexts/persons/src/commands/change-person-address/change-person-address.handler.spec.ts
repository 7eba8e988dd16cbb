import { Scenario, testContext } from '@openbank/testing';
import { Person } from '../../domain/person.js';
import { PersonAddressChangedDomainEventV2, PersonRegisteredDomainEventV1, type Address } from '../../domain/person.events.js';
import { ChangePersonAddressCommand } from './change-person-address.command.js';
import { ChangePersonAddressHandler } from './change-person-address.handler.js';

const person = 'b0000000-0000-4000-8000-000000000001';
const registeredAt = new Date('2026-11-20T10:00:00.000Z');
const now = new Date('2026-11-22T10:00:00.000Z');
const home: Address = { street: 'Main Street', number: '1', zipCode: '10001', city: 'New York', state: 'NY', country: 'US' };
const abroad: Address = { street: 'Rue Royale', number: '12', zipCode: '1000', city: 'Brussels', country: 'BE' };
const registered = new PersonRegisteredDomainEventV1({
  personId: person,
  firstName: 'Alice',
  lastName: 'Smith',
  dateOfBirth: '1990-05-15',
  nationality: 'US',
  gender: 'FEMALE',
  address: home,
  registeredAt: registeredAt.toISOString(),
});

describe('changing a person’s address (ChangePersonAddressHandler)', () => {
  let scenario: Scenario;
  let handler: ChangePersonAddressHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([Person]);
    scenario.clock.set(registeredAt);
    handler = new ChangePersonAddressHandler(scenario.runner);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('records the new address and answers the person with it', async () => {
    await scenario.given(Person, person, registered);
    scenario.clock.set(now);
    const answer = await handler.execute(new ChangePersonAddressCommand(person, abroad, testContext));
    expect(scenario.recorded(Person, person)).toEqual([new PersonAddressChangedDomainEventV2({ personId: person, address: abroad })]);
    expect(answer).toMatchObject({ person: { id: person, address: abroad }, revision: 1n, occurredAt: now.toISOString() });
  });

  it('records nothing for the address the person already has, and answers them as they were', async () => {
    await scenario.given(Person, person, registered);
    scenario.clock.set(now);
    // A missing optional part is the same as an empty one.
    const answer = await handler.execute(new ChangePersonAddressCommand(person, { ...abroad, state: '' }, testContext));
    expect(answer.revision).toBe(1n);
    scenario.settle();
    const again = await handler.execute(new ChangePersonAddressCommand(person, { ...abroad }, testContext));
    expect(scenario.recorded()).toEqual([]);
    expect(again).toMatchObject({ revision: 1n, occurredAt: now.toISOString() });
  });

  it('refuses a person who was never registered, and records nothing', async () => {
    await expect(handler.execute(new ChangePersonAddressCommand(person, abroad, testContext))).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    expect(scenario.recorded()).toEqual([]);
  });
});
