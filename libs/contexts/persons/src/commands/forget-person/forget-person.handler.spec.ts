import { EventSourcingRepository, PersonalDataErasers, PersonalDataProtection, aggregateStreamName, snapshotStreamName } from '@openbank/event-sourcing';
import { InMemoryEventStore, startEventSourcing, testContext, type EventSourcingHarness } from '@openbank/testing';
import { Person, personalDataOfPersons, registerPerson } from '../../domain/person.js';
import { PersonNotFound } from '../../domain/person.errors.js';
import { ForgetPersonCommand } from './forget-person.command.js';
import { ForgetPersonHandler } from './forget-person.handler.js';

const personId = 'p-forget';
const registration = { firstName: 'Quillonia', lastName: 'Vexhaven', dateOfBirth: '1967-08-19', nationality: 'LI', gender: 'OTHER' as const, address: { street: 'Zorbleton Lane', number: '7', zipCode: 'QX-7719', city: 'Pruxdale', country: 'LI' } };

describe('ForgetPersonHandler, on the write side with personal data sealed', () => {
  let store: InMemoryEventStore;
  let harness: EventSourcingHarness;
  let handler: ForgetPersonHandler;
  const erased: string[] = [];
  const everything = () => JSON.stringify(store.all().map(({ streamId, data }) => ({ streamId, data })));

  beforeEach(async () => {
    store = new InMemoryEventStore();
    // A snapshot with every event: the snapshot must be sealed and unreadable after forgetting too.
    harness = await startEventSourcing(store, [Person], { snapshotEvery: 1 }, [], [personalDataOfPersons]);
    harness.get(PersonalDataErasers).register('spec', async (subject) => void erased.push(subject));
    handler = new ForgetPersonHandler(harness.get(EventSourcingRepository), harness.runner, harness.get(PersonalDataProtection), harness.get(PersonalDataErasers));
    await harness.runner.execute(Person, personId, testContext, (state, now) => registerPerson(state, registration, now));
  });

  afterEach(() => harness.close());

  it('stores the registration and its snapshot sealed, and reads them back in clear', async () => {
    expect(everything()).not.toMatch(/Quillonia|Vexhaven|Zorbleton|Pruxdale|1967-08-19/);
    expect(store.all().map(({ streamId }) => streamId)).toEqual([aggregateStreamName('person', personId), snapshotStreamName('person', personId)]);
    expect((await harness.repository.load(Person, personId)).state).toMatchObject({ firstName: 'Quillonia', address: { city: 'Pruxdale' } });
  });

  it('deletes the key, records PersonForgotten, runs the erasers: the person replays as forgotten', async () => {
    const result = await handler.execute(new ForgetPersonCommand(personId, 'CONSENT_WITHDRAWN', 'DSR-1', testContext));
    expect(result.person).toMatchObject({ forgotten: true, firstName: null, lastName: null, dateOfBirth: null });
    expect(erased).toContain(personId);
    const loaded = await harness.repository.load(Person, personId, { useCache: false });
    expect(loaded).toMatchObject({ revision: 1n, state: { registered: true, forgotten: true, firstName: null, nationality: null } });
    expect(loaded.state.address).toBeUndefined();
    // Time travel to before the forgetting finds the old snapshot unreadable and replays events that read as forgotten.
    expect((await harness.repository.loadAt(Person, personId, { revision: 0n })).state).toMatchObject({ registered: true, forgotten: true, firstName: null });
  });

  it('answers the same when asked again, recording nothing more', async () => {
    const first = await handler.execute(new ForgetPersonCommand(personId, 'OBJECTION', undefined, testContext));
    const again = await handler.execute(new ForgetPersonCommand(personId, 'OBJECTION', undefined, testContext));
    expect(again.revision).toBe(first.revision);
  });

  it('refuses an unknown person, forgetting nobody', async () => {
    await expect(handler.execute(new ForgetPersonCommand('nobody', 'OBJECTION', undefined, testContext))).rejects.toThrow(PersonNotFound);
    expect(await harness.get(PersonalDataProtection).isForgotten('nobody')).toBe(false);
  });
});
