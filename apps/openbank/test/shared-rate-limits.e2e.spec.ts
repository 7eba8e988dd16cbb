import { getConnectionToken } from '@nestjs/mongoose';
import { rateLimitsCollection, signDevToken } from '@openbank/auth';
import { startEmbeddedMongo, type EmbeddedMongo } from '@openbank/embedded-mongodb';
import { eventually, startTestKurrentDB, type TestStore } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { alice, expectProblem, openAccount, registerPerson } from './http-helpers.js';
import { clientWith, startTestApp, testSecret, type TestApp, type TestClient } from './test-app.js';
import { twoInstances } from './two-instances.js';

/** A teller of their own (a principal no other test spends requests of), and its token. */
async function freshTeller(): Promise<{ subject: string; token: string }> {
  const subject = `teller:${randomUUID()}`;
  const { accessToken } = await signDevToken(
    { issuer: 'openbank', audience: 'openbank-api', secret: testSecret, rolesClaim: 'roles', personClaim: 'person_id' },
    { role: 'teller', subject },
  );
  return { subject, token: accessToken };
}

/** The same fresh teller on each of the instances. */
async function tellerOn(...apps: TestApp[]): Promise<TestClient[]> {
  const { token } = await freshTeller();
  return apps.map((app) => clientWith(app.http, token));
}

const portOf = (address: string) => Number(new URL(address.replace(/^\w+:/, 'http:')).port);

/**
 * Rate limits are counted in MongoDB, where every API instance on the same database counts: a
 * principal or a client address has one allowance, whichever instances its requests reach.
 */
describe('rate limits shared by the API instances', () => {
  describe('per principal', () => {
    const apps = twoInstances({ RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '6' });

    it('spends one allowance across both instances', async () => {
      const callers = await tellerOn(apps.first, apps.second);
      const statuses = [];
      // Three on each instance: each instance alone would still allow three more.
      for (let request = 0; request < 6; request++) statuses.push((await callers[request % 2].get('/api/v1/accounts')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      for (const caller of callers) {
        const limited = await caller.get('/api/v1/accounts');
        expectProblem(limited, 429, 'TOO_MANY_REQUESTS');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Other principals are not slowed down, on either instance.
      for (const other of await tellerOn(apps.first, apps.second)) await other.get('/api/v1/accounts').expect(200);
    });

    it('counts concurrent requests exactly: as many are allowed as the limit, no more', async () => {
      const callers = await tellerOn(apps.first, apps.second);
      const answers = await Promise.all(Array.from({ length: 16 }, (_, request) => callers[request % 2].get('/api/v1/accounts')));
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(6);
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(10);
    });
  });

  describe('per client address', () => {
    const apps = twoInstances({ RATE_LIMIT_PER_IP_PER_MINUTE: '4' });

    it('spends one allowance across both instances, failed logins included', async () => {
      const anonymous = [clientWith(apps.first.http), clientWith(apps.second.http)];
      const statuses = [];
      for (let request = 0; request < 6; request++) statuses.push((await anonymous[request % 2].get('/api/v1/accounts')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    });
  });

  describe('while MongoDB is down', () => {
    let kurrentdb: TestStore;
    let mongodb: EmbeddedMongo;
    let app: TestApp;

    beforeAll(async () => {
      kurrentdb = await startTestKurrentDB();
      mongodb = await startEmbeddedMongo({ port: 0 });
      app = await startTestApp(
        { STORE_DEADLINE_MS: '1000', RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '3' },
        { kurrentdb: kurrentdb.address, mongodb: mongodb.uri, mongoDatabase: 'openbank', stop: async () => undefined },
      );
    });

    afterAll(async () => {
      await app?.close();
      await Promise.all([kurrentdb?.stop(), mongodb?.stop()]);
    });

    it('keeps serving commands with the limits counted per instance, and counts in MongoDB again once it is back', async () => {
      // Deposits: registering a person needs MongoDB itself (the person's key is created there).
      const setUp = clientWith(app.http, (await freshTeller()).token);
      const account = await openAccount(setUp, await registerPerson(setUp));
      const port = portOf(mongodb.uri);
      await mongodb.stop();
      const [teller] = await tellerOn(app);
      const statuses = [];
      for (let request = 0; request < 4; request++) statuses.push((await teller.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00' })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);

      mongodb = await startEmbeddedMongo({ port });
      const { subject, token } = await freshTeller();
      const back = clientWith(app.http, token);
      const limits = app.app.get<Connection>(getConnectionToken()).collection(rateLimitsCollection);
      await eventually(async () => {
        expect([201, 429]).toContain((await back.post('/api/v1/persons').send(alice)).status);
        expect(await limits.findOne({ key: `principal:${subject}` })).toMatchObject({ points: expect.any(Number) });
      }, 20_000);
    });
  });
});
