import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { corsOrigins, type Environment } from './config/environment.js';
import { resolveStores } from './embedded/embedded-stores.js';
import { configureHttp } from './http/configure-http.js';
import { fastifyOptions } from './http/fastify-options.js';
import { startupLogger } from './http/logger-options.js';

/** Something to finish last when the process stops (the tracing exporter's buffer). */
export interface Finishing {
  shutdown(): Promise<void>;
}

/** Starts the stores (or connects to the configured ones), then serves the API until a signal stops it. */
export async function serve(environment: Environment, finishing?: Finishing): Promise<void> {
  const logger = startupLogger(environment);
  const stores = await resolveStores(environment, (message, fields) => logger.info(fields, message));

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ environment, stores, embeddedStores: stores.embedded }), new FastifyAdapter(fastifyOptions(environment)), {
    bufferLogs: true,
  });
  await configureHttp(app, corsOrigins(environment));
  await app.listen(environment.PORT, environment.HOST);
  logger.info(`OpenBank listening on ${await app.getUrl()} (API docs at /api/docs)`);

  // The application stops first (subscriptions save their checkpoints), then the stores it started.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info(`${signal} received: stopping`);
      void app
        .close()
        .then(() => stores.stop())
        .then(() => finishing?.shutdown())
        .then(() => process.exit(0));
    });
  }
}
