import { Scenario, testContext } from '@openbank/testing';
import { Person, type RegisterPerson } from '../../domain/person.js';
import { PersonRegisteredDomainEventV1, type Address } from '../../domain/person.events.js';
import { RegisterPersonCommand } from './register-person.command.js';
import { RegisterPersonHandler } from './register-person.handler.js';

const person = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00.000Z');
const home: Address = { street: 'Main Street', number: '1', zipCode: '10001', city: 'New York', state: 'NY', country: 'US' };
const alice: RegisterPerson = { firstName: 'Alice', lastName: 'Smith', dateOfBirth: '1990-05-15', nationality: 'US', gender: 'FEMALE', address: home };
const registered = new PersonRegisteredDomainEventV1({ personId: person, ...alice, registeredAt: now.toISOString() });

describe('registering a person (RegisterPersonHandler)', () => {
  let scenario: Scenario;
  let handler: RegisterPersonHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([Person]);
    scenario.clock.set(now);
    handler = new RegisterPersonHandler(scenario.runner);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('records the registration, with its address, and answers the registered person', async () => {
    const answer = await handler.execute(new RegisterPersonCommand(person, alice, testContext));
    expect(scenario.recorded(Person, person)).toEqual([registered]);
    expect(answer).toEqual({
      person: { id: person, registered: true, ...alice, registeredAt: now.toISOString() },
      revision: 0n,
      occurredAt: now.toISOString(),
    });
  });

  it('records the names trimmed', async () => {
    await handler.execute(new RegisterPersonCommand(person, { ...alice, firstName: '  Alice ', lastName: ' Smith  ' }, testContext));
    expect(scenario.recorded()).toEqual([registered]);
  });

  it('refuses an id already registered, and records nothing', async () => {
    await scenario.given(Person, person, registered);
    await expect(handler.execute(new RegisterPersonCommand(person, { ...alice, firstName: 'Bob' }, testContext))).rejects.toMatchObject({ code: 'PERSON_ALREADY_REGISTERED' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a date of birth after today, and records nothing', async () => {
    await expect(handler.execute(new RegisterPersonCommand(person, { ...alice, dateOfBirth: '2026-11-23' }, testContext))).rejects.toMatchObject({ code: 'DATE_OF_BIRTH_IN_FUTURE' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a blank name, and records nothing', async () => {
    await expect(handler.execute(new RegisterPersonCommand(person, { ...alice, lastName: '   ' }, testContext))).rejects.toMatchObject({ code: 'INVALID_PERSON_NAME' });
    expect(scenario.recorded()).toEqual([]);
  });
});
