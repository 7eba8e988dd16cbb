import { NestFactory } from '@nestjs/core';
import { stopOnSignal, type Environment } from '@openbank/bank';
import { SubscriptionHost } from '@openbank/projections';
import { Logger } from 'nestjs-pino';
import { pino } from 'pino';
import { serveProjectorHealth, urlOf } from './projector-health.js';
import { ProjectorModule } from './projector.module.js';

/** Something to finish last when the process stops (the tracing exporter's buffer). */
export interface Finishing {
  shutdown(): Promise<void>;
}

/**
 * Runs a projector on the stores the API uses, until a signal stops it. It never starts embedded
 * stores: a projector on stores of its own would project nothing anyone reads.
 */
export async function runProjector(environment: Environment, finishing?: Finishing): Promise<void> {
  const { KURRENTDB_CONNECTION_STRING: kurrentdb, MONGODB_URI: mongodb } = environment;
  if (!kurrentdb || !mongodb) {
    pino({ name: 'projector' }).fatal('a projector needs KURRENTDB_CONNECTION_STRING and MONGODB_URI: the stores the API uses');
    process.exit(2);
  }
  const app = await NestFactory.createApplicationContext(ProjectorModule.register(environment, { kurrentdb, mongodb }), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const health = await serveProjectorHealth(app.get(SubscriptionHost), environment.PROJECTOR_PORT, environment.HOST);
  logger.log(`projector listening on ${urlOf(health)} (GET /health); consuming ${app.get(SubscriptionHost).groupNames().join(', ')}`);

  stopOnSignal(environment.SHUTDOWN_GRACE_MS, (message) => logger.log(message), async () => {
    health.close();
    await app.close();
    await finishing?.shutdown();
  });
  stopWithParent();
}

/**
 * Started by the API (npm start): stop when it goes away, whatever the way. It may have gone
 * (killed) while this projector was starting, before anything listened: its channel is closed
 * already then, and nothing will tell again.
 */
function stopWithParent(): void {
  const stop = () => process.kill(process.pid, 'SIGTERM');
  process.on('disconnect', stop);
  if (process.send && !process.connected) stop();
}
