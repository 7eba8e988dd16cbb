import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { ProjectorChild, corsOrigins, resolveStores, stopOnSignal, type Environment } from '@openbank/bank';
import { configureHttp } from './http/configure-http.js';
import { fastifyOptions } from './http/fastify-options.js';
import { startupLogger } from './http/logger-options.js';

/** Something to finish last when the process stops (the tracing exporter's buffer). */
export interface Finishing {
  shutdown(): Promise<void>;
}

/** The address the server really bound (not a guess from the settings), as a URL. */
function boundUrl(app: NestFastifyApplication): string {
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** Says who can reach the bound address, so an exposure is never a surprise. */
function reach(host: string): string {
  if (/^(127\.|::1$|localhost$)/.test(host)) return 'this machine only';
  if (host === '0.0.0.0' || host === '::') return 'every network interface: other machines can connect';
  return 'this address only';
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
  logger.info(`OpenBank listening on ${boundUrl(app)} (${reach(environment.HOST)}; API docs at /api/docs)`);
  const projector = environment.START_PROJECTOR ? new ProjectorChild(stores, (message, fields) => logger.info(fields, message)) : undefined;
  projector?.start();

  // The projector and the API stop first (what is in flight is finished or handed back), then the stores they use.
  stopOnSignal(environment.SHUTDOWN_GRACE_MS, (message) => logger.info(message), async () => {
    await Promise.all([projector?.stop(), app.close()]);
    await stores.stop();
    await finishing?.shutdown();
  });
}
