import type request from 'supertest';
import { eventually } from '@openbank/testing';
import type { TestClient } from './test-app.js';

export const alice = { first_name: 'Alice', last_name: 'Smith', date_of_birth: '1990-05-15', nationality: 'US', gender: 'FEMALE' };

/** Asserts an RFC 9457 problem answer with the given status and code. */
export function expectProblem(response: request.Response, status: number, code: string): void {
  expect({ status: response.status, contentType: response.headers['content-type'] }).toEqual({
    status,
    contentType: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(response.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:openbank:problem:/), title: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(js|ts):\d+/);
}

export async function registerPerson(api: TestClient, person: Record<string, unknown> = alice): Promise<string> {
  const response = await api.post('/api/v1/persons').send(person).expect(201);
  return response.body.id;
}

export async function openAccount(api: TestClient, ownerId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await api.post('/api/v1/accounts').send({ owner_id: ownerId, ...body }).expect(201);
  return response.body.id;
}

/** Waits until a GET answers with the resource at least at `revision` (the read model caught up). */
export function readModel(api: TestClient, path: string, revision = 0) {
  return eventually(async () => {
    const response = await api.get(path).expect(200);
    expect(response.body.revision).toBeGreaterThanOrEqual(revision);
    return response.body;
  });
}
