import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { alice, expectProblem, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('persons API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('POST /api/v1/persons', () => {
    it('registers a person and answers with the person and its revision', async () => {
      const address = { street: 'Main Street', number: '1', zip_code: '10001', city: 'New York', state: 'NY', country: 'US' };
      const response = await app.api.post('/api/v1/persons').send({ ...alice, address }).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ...alice,
        address,
        registered_at: expect.any(String),
        last_modified: response.body.registered_at,
        revision: 0,
      });
      expect(response.headers['x-correlation-id']).toEqual(expect.any(String));
    });

    it('refuses unknown fields, wrong types and invalid values, naming each field', async () => {
      const response = await app.api
        .post('/api/v1/persons')
        .send({ ...alice, nationality: 'USA', gender: 'F', date_of_birth: '1990-02-30', first_name: 42, balance: '1000000.00' })
        .expect(400);
      expectProblem(response, 400, 'INVALID_REQUEST');
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
        expect.arrayContaining(['balance', 'date_of_birth', 'first_name', 'gender', 'nationality']),
      );
    });

    it('refuses a date of birth in the future', async () => {
      expectProblem(await app.api.post('/api/v1/persons').send({ ...alice, date_of_birth: '2999-01-01' }), 400, 'DATE_OF_BIRTH_IN_FUTURE');
    });

    it('refuses blank names and incomplete addresses', async () => {
      expectProblem(await app.api.post('/api/v1/persons').send({ ...alice, first_name: '   ' }), 400, 'INVALID_PERSON_NAME');
      const response = await app.api.post('/api/v1/persons').send({ ...alice, address: { street: 'x' } });
      expectProblem(response, 400, 'INVALID_REQUEST');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['address.city', 'address.country']));
    });

    it('refuses malformed JSON, an empty body, a non-JSON body and an oversized body', async () => {
      expectProblem(await app.api.post('/api/v1/persons').set('content-type', 'application/json').send('{"first_name":'), 400, 'MALFORMED_JSON');
      expectProblem(await app.api.post('/api/v1/persons').set('content-type', 'application/json').send(''), 400, 'MALFORMED_JSON');
      expectProblem(await app.api.post('/api/v1/persons').set('content-type', 'text/plain').send('hello'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const huge = { ...alice, first_name: 'x'.repeat(100_000) };
      expectProblem(await app.api.post('/api/v1/persons').send(huge), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses query-operator payloads instead of passing them on', async () => {
      const response = await app.api.post('/api/v1/persons').send({ ...alice, first_name: { $ne: null } });
      expectProblem(response, 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /api/v1/persons/{id}', () => {
    it('shows the person once the read model caught up', async () => {
      const id = await registerPerson(app.api);
      expect(await readModel(app.api, `/api/v1/persons/${id}`)).toMatchObject({ id, ...alice, revision: 0 });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await app.api.get(`/api/v1/persons/${randomUUID()}`), 404, 'PERSON_NOT_FOUND');
      const malformed = await app.api.get('/api/v1/persons/not-a-uuid');
      expectProblem(malformed, 400, 'INVALID_REQUEST');
      expect(malformed.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });
  });

  describe('PUT /api/v1/persons/{id}/address', () => {
    const address = { street: 'Rue Royale', number: '12', zip_code: '1000', city: 'Brussels', country: 'BE' };

    it("changes the person's address", async () => {
      const id = await registerPerson(app.api);
      const response = await app.api.put(`/api/v1/persons/${id}/address`).send(address).expect(200);
      expect(response.body).toMatchObject({ id, address, revision: 1 });
      expect(await readModel(app.api, `/api/v1/persons/${id}`, 1)).toMatchObject({ address });
    });

    it('answers 404 for an unknown person, 400 for a bad address', async () => {
      expectProblem(await app.api.put(`/api/v1/persons/${randomUUID()}/address`).send(address), 404, 'PERSON_NOT_FOUND');
      const id = await registerPerson(app.api);
      expectProblem(await app.api.put(`/api/v1/persons/${id}/address`).send({ ...address, country: 'Belgium' }), 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /api/v1/persons', () => {
    it('pages through persons sorted by name and filters by name prefix', async () => {
      const names = [
        ['Zoe', 'Zimmer'],
        ['Yann', 'Zimmer'],
        ['Xavier', 'Zimmerman'],
      ];
      for (const [first_name, last_name] of names) await registerPerson(app.api, { ...alice, first_name, last_name });
      const page = await readModelList(`/api/v1/persons?name=zimm&page_size=2`, 3);
      expect(page).toMatchObject({ page: 1, page_size: 2, total_items: 3, total_pages: 2 });
      expect(page.items.map((person: { first_name: string }) => person.first_name)).toEqual(['Yann', 'Zoe']);
      const second = (await app.api.get('/api/v1/persons?name=zimm&page_size=2&page=2').expect(200)).body;
      expect(second.items.map((person: { first_name: string }) => person.first_name)).toEqual(['Xavier']);
      const both = (await app.api.get('/api/v1/persons?name=yann%20zim').expect(200)).body;
      expect(both.items.map((person: { first_name: string }) => person.first_name)).toEqual(['Yann']);
    });

    it('treats the name filter as text, not as a pattern', async () => {
      const page = (await app.api.get('/api/v1/persons?name=.*').expect(200)).body;
      expect(page.total_items).toBe(0);
    });

    it('refuses page sizes above 100 and pages below 1', async () => {
      expectProblem(await app.api.get('/api/v1/persons?page_size=101'), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.get('/api/v1/persons?page=0'), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.get('/api/v1/persons?page=abc'), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.get('/api/v1/persons?name[$ne]=x'), 400, 'INVALID_REQUEST');
    });
  });

  function readModelList(path: string, total: number) {
    return eventually(async () => {
      const response = await app.api.get(path).expect(200);
      expect(response.body.total_items).toBe(total);
      return response.body;
    });
  }
});
