import type { CommandContext } from '@openbank/event-sourcing';
import { Scenario, testContext } from '@openbank/testing';
import { changeAddress, Person, registerPerson, type PersonState } from '../../domain/person.js';
import type { Address, PersonEvent } from '../../domain/person.events.js';
import { personAddressChangedV1ToV2 } from '../../domain/person.upcasters.js';
import { PersonHistoryHandler } from './person-history.handler.js';
import { PersonHistoryQuery } from './person-history.query.js';
import { PersonHistoryEntryResponse } from './person-history.response.js';

const person = 'b0000000-0000-4000-8000-000000000001';
const times = ['09:00', '10:00', '11:00'].map((time) => new Date(`2026-11-22T${time}:00.000Z`));
const home: Address = { street: 'Main Street', number: '1', zipCode: '10001', city: 'New York', state: 'NY', country: 'US' };
const abroad: Address = { street: 'Rue Royale', number: '12', zipCode: '1000', city: 'Brussels', country: 'BE' };
const teller: CommandContext = { ...testContext, principal: { id: 'teller:7', roles: ['teller'] } };
const herself: CommandContext = { ...testContext, principal: { id: `customer:${person}`, roles: ['customer'] } };

describe('a person’s event timeline (PersonHistoryHandler)', () => {
  let scenario: Scenario;
  let handler: PersonHistoryHandler;
  const page = async (fromRevision: number, limit: number) => {
    const { entries, nextFromRevision } = await handler.execute(new PersonHistoryQuery(person, fromRevision, limit));
    return { items: entries.map(PersonHistoryEntryResponse.of), nextFromRevision };
  };

  beforeEach(async () => {
    scenario = await Scenario.start([Person], { upcasters: [personAddressChangedV1ToV2] });
    handler = new PersonHistoryHandler(scenario.repository);
    // Registered by a teller, then moved twice: once by the teller, once by herself.
    const steps: [Date, CommandContext, (state: PersonState, now: Date) => PersonEvent[]][] = [
      [times[0], teller, (state, now) => registerPerson(state, { firstName: 'Alice', lastName: 'Smith', dateOfBirth: '1990-05-15', nationality: 'US', gender: 'FEMALE' }, now)],
      [times[1], teller, (state) => changeAddress(state, home)],
      [times[2], herself, (state) => changeAddress(state, abroad)],
    ];
    for (const [time, context, decide] of steps) {
      scenario.clock.set(time);
      await scenario.runner.execute(Person, person, context, decide);
    }
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('tells who did what, when: every event with the principal that recorded it', async () => {
    expect(await page(0, 50)).toEqual({
      items: [
        { revision: 0, event_type: 'PersonRegisteredDomainEventV1', occurred_at: times[0].toISOString(), principal_id: 'teller:7', description: 'Registered as Alice Smith, born 1990-05-15, nationality US' },
        { revision: 1, event_type: 'PersonAddressChangedDomainEventV2', occurred_at: times[1].toISOString(), principal_id: 'teller:7', description: 'Address changed to Main Street 1, 10001 New York, NY, US' },
        { revision: 2, event_type: 'PersonAddressChangedDomainEventV2', occurred_at: times[2].toISOString(), principal_id: `customer:${person}`, description: 'Address changed to Rue Royale 12, 1000 Brussels, BE' },
      ],
      nextFromRevision: undefined,
    });
  });

  it('pages through the timeline, each page telling where the next starts', async () => {
    const first = await page(0, 2);
    expect(first.items.map((entry) => entry.revision)).toEqual([0, 1]);
    expect(first.nextFromRevision).toBe(2);
    const last = await page(2, 2);
    expect(last.items.map((entry) => [entry.revision, entry.principal_id])).toEqual([[2, `customer:${person}`]]);
    expect(last.nextFromRevision).toBeUndefined();
    expect(await page(3, 2)).toEqual({ items: [], nextFromRevision: undefined });
  });

  it('shows an address stored by the first version of the API as it reads now, under the type it was stored as', async () => {
    scenario.clock.set(new Date('2026-11-22T12:00:00.000Z'));
    await scenario.given(Person, person, { type: 'PersonAddressChangedDomainEventV1', data: { personId: person, addressLine: '12 Rue Royale, 1000 Brussels', country: 'BE' } } as never);
    const [legacy] = (await page(3, 50)).items;
    expect(legacy).toEqual({
      revision: 3,
      event_type: 'PersonAddressChangedDomainEventV1',
      occurred_at: '2026-11-22T12:00:00.000Z',
      principal_id: testContext.principal.id,
      description: 'Address changed to 12 Rue Royale, 1000 Brussels, BE',
    });
  });

  it('refuses a person who does not exist', async () => {
    await expect(handler.execute(new PersonHistoryQuery('b0000000-0000-4000-8000-000000000404', 0, 50))).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });
});
