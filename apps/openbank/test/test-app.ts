import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { signDevToken, type Role } from '@openbank/auth';
import { SubscriptionHost } from '@openbank/projections';
import { startTestStores, type TestStores } from '@openbank/testing';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { corsOrigins, validateEnvironment, type Environment } from '@openbank/bank';
import { configureHttp } from '../src/http/configure-http.js';
import { fastifyOptions } from '../src/http/fastify-options.js';

/** The secret the test application's tokens are signed with. */
export const testSecret = 'test-secret-of-at-least-thirty-two-characters';

/** supertest, with a bearer token on every request. */
export interface TestClient {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  delete(path: string): request.Test;
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: Server;
  readonly stores: TestStores;
  readonly subscriptions: SubscriptionHost;
  /** A teller: may act for any customer. */
  readonly api: TestClient;
  /** A client acting as `role` (a customer is bound to `personId`). */
  as(role: Role, personId?: string): Promise<TestClient>;
  token(role: Role, personId?: string, ttlSeconds?: number): Promise<string>;
  /** Stops the application only (the stores keep their data), e.g. to start it again. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

export function clientWith(http: Server, token?: string): TestClient {
  const authorized = (test: request.Test) => (token ? test.set('authorization', `Bearer ${token}`) : test);
  return {
    get: (path) => authorized(request(http).get(path)),
    post: (path) => authorized(request(http).post(path)),
    put: (path) => authorized(request(http).put(path)),
    delete: (path) => authorized(request(http).delete(path)),
  };
}

export interface TestAppOptions {
  /** Receives the application's log lines (JSON, one per write) at the LOG_LEVEL of the settings. */
  readonly logDestination?: DestinationStream;
  /** `api` for an API process alone (a second instance on the same stores); by default it is a projector too. */
  readonly role?: 'api' | 'api+projector';
}

/** The whole application (the API and, in the same process, a projector) on test stores (see startTestStores). */
export async function startTestApp(
  settings: Partial<Record<keyof Environment, string>> = {},
  reuse?: TestStores,
  { logDestination, role = 'api+projector' }: TestAppOptions = {},
): Promise<TestApp> {
  const stores = reuse ?? (await startTestStores());
  const environment = validateEnvironment({
    LOG_LEVEL: 'silent',
    MONGODB_DATABASE: stores.mongoDatabase,
    AUTH_JWT_SECRET: testSecret,
    AUTH_DEV_TOKENS: 'true',
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '1000000',
    ...settings,
  });
  const module = await Test.createTestingModule({
    imports: [
      AppModule.register({ environment, stores: { kurrentdb: stores.kurrentdb, mongodb: stores.mongodb }, embeddedStores: false, alsoProjector: role === 'api+projector', logDestination }),
    ],
  }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(fastifyOptions(environment)), { logger: false });
  await configureHttp(app, corsOrigins(environment));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = app.getHttpServer();
  const token = (role: Role, personId?: string, ttlSeconds?: number) =>
    signDevToken(
      { issuer: environment.AUTH_ISSUER, audience: environment.AUTH_AUDIENCE, secret: environment.AUTH_JWT_SECRET, rolesClaim: environment.AUTH_ROLES_CLAIM, personClaim: environment.AUTH_PERSON_CLAIM },
      { role, personId, ttlSeconds },
    ).then((issued) => issued.accessToken);
  let stopped = false;
  const stopApp = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    http,
    stores,
    subscriptions: app.get(SubscriptionHost),
    api: clientWith(http, await token('teller')),
    as: async (role, personId) => clientWith(http, await token(role, personId)),
    token,
    stopApp,
    close: async () => {
      await stopApp();
      await stores.stop();
    },
  };
}

export interface ListeningTestApp extends TestApp {
  /** Where the application listens, for clients that need a real socket (server-sent events). */
  readonly baseUrl: string;
}

/** The test application, listening on a free port as well. */
export async function startListeningTestApp(settings: Partial<Record<keyof Environment, string>> = {}, reuse?: TestStores): Promise<ListeningTestApp> {
  const started = await startTestApp(settings, reuse);
  await started.app.listen(0, '127.0.0.1');
  return { ...started, baseUrl: await started.app.getUrl() };
}
