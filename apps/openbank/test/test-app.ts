import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { SubscriptionHost } from '@openbank/projections';
import { startTestStores, type TestStores } from '@openbank/testing';
import type { Server } from 'node:http';
import { AppModule } from '../src/app.module.js';
import { validateEnvironment, type Environment } from '../src/config/environment.js';
import { configureHttp } from '../src/http/configure-http.js';
import { fastifyOptions } from '../src/http/fastify-options.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: Server;
  readonly stores: TestStores;
  readonly subscriptions: SubscriptionHost;
  /** Stops the application only (the stores keep their data), e.g. to start it again. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

/** The whole application, as `npm start` builds it, on test stores (see startTestStores). */
export async function startTestApp(settings: Partial<Record<keyof Environment, string>> = {}, reuse?: TestStores): Promise<TestApp> {
  const stores = reuse ?? (await startTestStores());
  const environment = validateEnvironment({ LOG_LEVEL: 'silent', MONGODB_DATABASE: stores.mongoDatabase, ...settings });
  const module = await Test.createTestingModule({
    imports: [AppModule.register({ environment, stores: { kurrentdb: stores.kurrentdb, mongodb: stores.mongodb } })],
  }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(fastifyOptions(environment)), { logger: false });
  configureHttp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let stopped = false;
  const stopApp = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    http: app.getHttpServer(),
    stores,
    subscriptions: app.get(SubscriptionHost),
    stopApp,
    close: async () => {
      await stopApp();
      await stores.stop();
    },
  };
}
