import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { Person } from '../../../libs/contexts/persons/src/domain/person.js';
import { readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('an event stored by an earlier version of the API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('PersonAddressChangedDomainEventV1 is read as V2 by the aggregate and the read model', async () => {
    const id = await registerPerson(app.api);
    // Exactly what the first API version appended: one free-text line and a country.
    await app.app.get(KurrentDBClient).appendToStream(
      `person-${id}`,
      jsonEvent({
        type: 'PersonAddressChangedDomainEventV1',
        data: { personId: id, addressLine: '12 Rue Royale, 1000 Brussels', country: 'BE' },
        metadata: { correlationId: 'legacy', causationId: 'legacy', aggregateType: 'Person', aggregateId: id, occurredAt: new Date().toISOString(), principal: 'legacy' },
      }),
    );
    const upcast = { street: '12 Rue Royale, 1000 Brussels', number: '', zip_code: '', city: '', country: 'BE' };
    expect(await readModel(app.api, `/api/v1/persons/${id}`, 1)).toMatchObject({ address: upcast });

    const { state, revision } = await app.app.get(EventSourcingRepository).load(Person, id, { useCache: false });
    expect(revision).toBe(1n);
    expect(state.address).toEqual({ street: '12 Rue Royale, 1000 Brussels', number: '', zipCode: '', city: '', country: 'BE' });

    const changed = await app.api
        .put(`/api/v1/persons/${id}/address`)
      .send({ street: 'Rue Royale', number: '12', zip_code: '1000', city: 'Brussels', country: 'BE' })
      .expect(200);
    expect(changed.body.revision).toBe(2);
  });
});
