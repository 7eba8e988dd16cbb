import request from 'supertest';
import { eventually } from '@openbank/testing';
import { startTestApp, type TestApp } from './test-app.js';

const alice = { first_name: 'Alice', last_name: 'Smith', date_of_birth: '1990-05-15', nationality: 'US', gender: 'FEMALE' };

describe('the foundation walk-through', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('registers a person, opens an account, and shows it once the projection caught up', async () => {
    const person = await request(app.http).post('/api/v1/persons').send(alice).expect(201);
    expect(person.body).toMatchObject({ first_name: 'Alice', last_name: 'Smith', revision: 0 });

    const account = await request(app.http).post('/api/v1/accounts').send({ owner_id: person.body.id, overdraft_limit: 500.0 }).expect(201);
    expect(account.body).toMatchObject({ owner: 'Alice Smith', balance: '0.00', overdraft_limit: '500.00', currency: 'EUR', status: 'ACTIVE' });

    const shown = await eventually(() => request(app.http).get(`/api/v1/accounts/${account.body.id}`).expect(200));
    expect(shown.body).toMatchObject({
      id: account.body.id,
      owner_id: person.body.id,
      owner: 'Alice Smith',
      balance: '0.00',
      overdraft_limit: '500.00',
      available_balance: '500.00',
      currency: 'EUR',
      status: 'ACTIVE',
      revision: 0,
    });
  });
});
