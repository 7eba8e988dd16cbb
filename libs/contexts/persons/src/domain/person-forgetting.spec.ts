import { Person, changeAddress, forgetPerson, fullName, registerPerson, type PersonState } from './person.js';
import { PersonIsForgotten } from './person.errors.js';
import { PersonRegisteredDomainEventV1 } from './person.events.js';

const now = new Date('2026-03-01T10:00:00Z');
const registered: PersonState = registerPerson(Person.initialState('p-1'), { firstName: 'Ada', lastName: 'Byron', dateOfBirth: '1990-01-01', nationality: 'GB', gender: 'FEMALE' }, now).reduce(Person.evolve, Person.initialState('p-1'));

describe('forgetting a person', () => {
  it('records the ground and the reference, and no personal datum', () => {
    const [forgotten] = forgetPerson(registered, 'CONSENT_WITHDRAWN', 'case-42', now);
    expect(forgotten.data).toEqual({ personId: 'p-1', reason: 'CONSENT_WITHDRAWN', reference: 'case-42', forgottenAt: now.toISOString() });
  });

  it('leaves a state without any personal datum', () => {
    const state = forgetPerson(registered, 'OBJECTION', undefined, now).reduce(Person.evolve, registered);
    expect(state).toMatchObject({ registered: true, forgotten: true, firstName: null, lastName: null, dateOfBirth: null, nationality: null, gender: null, forgottenAt: now.toISOString() });
    expect(state.address).toBeUndefined();
    expect(fullName(state)).toBe('(forgotten)');
  });

  it('records nothing more when asked again', () => {
    const state = forgetPerson(registered, 'OBJECTION', undefined, now).reduce(Person.evolve, registered);
    expect(forgetPerson(state, 'OBJECTION', undefined, now)).toEqual([]);
  });

  it('refuses to change the address of a forgotten person', () => {
    const state = forgetPerson(registered, 'OBJECTION', undefined, now).reduce(Person.evolve, registered);
    expect(() => changeAddress(state, { street: 'S', number: '1', zipCode: '1', city: 'C', country: 'GB' })).toThrow(PersonIsForgotten);
  });

  it('replays a registration whose data reads as forgotten (key deleted) into a forgotten person', () => {
    const unreadable = new PersonRegisteredDomainEventV1({ personId: 'p-1', firstName: null, lastName: null, dateOfBirth: null, nationality: null, gender: null, address: null, registeredAt: now.toISOString(), forgotten: true });
    const state = Person.evolve(Person.initialState('p-1'), unreadable);
    expect(state).toMatchObject({ registered: true, forgotten: true, firstName: null });
    expect(state.address).toBeUndefined();
  });
});
