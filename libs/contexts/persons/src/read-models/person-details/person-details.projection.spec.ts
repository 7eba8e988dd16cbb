import { PersonalDataProtection } from '@openbank/event-sourcing';
import { Scenario } from '@openbank/testing';
import { Person } from '../../domain/person.js';
import { PersonAddressChangedDomainEventV2, PersonForgottenDomainEventV1, PersonRegisteredDomainEventV1 } from '../../domain/person.events.js';
import { PersonDetailsProjection } from './person-details.projection.js';
import { personsCollection, type PersonDetails } from './person-details.schema.js';

const person = 'b0000000-0000-4000-8000-000000000001';
const registeredAt = new Date('2026-11-20T10:00:00.000Z');
const movedAt = new Date('2026-11-22T10:00:00.000Z');
const registered = new PersonRegisteredDomainEventV1({
  personId: person,
  firstName: 'Anna Maria',
  lastName: 'Smith',
  dateOfBirth: '1990-05-15',
  nationality: 'US',
  gender: 'FEMALE',
  registeredAt: registeredAt.toISOString(),
});
const moved = new PersonAddressChangedDomainEventV2({ personId: person, address: { street: 'Rue Royale', number: '12', zipCode: '1000', city: 'Brussels', country: 'BE' } });

const registeredDocument: PersonDetails = {
  _id: person,
  first_name: 'Anna Maria',
  last_name: 'Smith',
  name_words: ['anna', 'maria', 'smith'],
  date_of_birth: '1990-05-15',
  nationality: 'US',
  gender: 'FEMALE',
  registered_at: registeredAt,
  last_modified: registeredAt,
  last_revision: 0,
};
const movedDocument: PersonDetails = {
  ...registeredDocument,
  address: { street: 'Rue Royale', number: '12', zip_code: '1000', city: 'Brussels', country: 'BE' },
  last_modified: movedAt,
  last_revision: 1,
};

describe('the person-details projection', () => {
  let scenario: Scenario;
  let projection: PersonDetailsProjection;
  const documents = () => scenario.readModels.all<PersonDetails>(personsCollection);

  beforeEach(async () => {
    scenario = await Scenario.start([Person]);
    scenario.clock.set(registeredAt);
    await scenario.given(Person, person, registered);
    scenario.clock.set(movedAt);
    await scenario.given(Person, person, moved);
    projection = new PersonDetailsProjection(scenario.readModels, scenario.repository);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('keeps one document per person, with the name words to search by and the address as it changed', async () => {
    const [registration, move] = scenario.records();
    await projection.project([registration]);
    expect(documents()).toEqual([registeredDocument]);
    await projection.project([move]);
    expect(documents()).toEqual([movedDocument]);
  });

  it('changes nothing when a batch is delivered again, by this projector or a fresh one', async () => {
    await projection.project(scenario.records());
    await projection.project(scenario.records());
    await new PersonDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records());
    expect(documents()).toEqual([movedDocument]);
  });

  it('keeps the newer document when an older event comes after it', async () => {
    const [registration, move] = scenario.records();
    await projection.project([move]);
    await projection.project([registration]);
    expect(documents()).toEqual([movedDocument]);
  });

  it('rebuilds the registration from the write model when the address change arrives first', async () => {
    const [, move] = scenario.records();
    await projection.project([move]);
    expect(documents()).toEqual([movedDocument]);
  });

  it('shows a forgotten person without any personal datum, and deletes their key (again)', async () => {
    const forgottenAt = new Date('2026-11-23T10:00:00.000Z');
    scenario.clock.set(forgottenAt);
    await scenario.given(Person, person, new PersonForgottenDomainEventV1({ personId: person, reason: 'CONSENT_WITHDRAWN', forgottenAt: forgottenAt.toISOString() }));
    const protection = new PersonalDataProtection();
    await new PersonDetailsProjection(scenario.readModels, scenario.repository, protection).project(scenario.records());
    expect(documents()).toEqual([
      {
        ...registeredDocument,
        first_name: null,
        last_name: null,
        name_words: [],
        date_of_birth: null,
        nationality: null,
        gender: null,
        forgotten: true,
        forgotten_at: forgottenAt,
        last_modified: forgottenAt,
        last_revision: 2,
      },
    ]);
    expect(await protection.isForgotten(person)).toBe(true);
  });
});
