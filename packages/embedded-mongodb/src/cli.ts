import { parseArgs } from 'node:util';
import { startEmbeddedMongo } from './server.js';

/** `embedded-mongodb --port N [--data DIR] [--sync] [--compact-threshold BYTES] [--javascript]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '27017' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      sync: { type: 'boolean', default: false },
      'compact-threshold': { type: 'string' },
      javascript: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const server = await startEmbeddedMongo({
    port,
    host: values.host,
    dataDir: values.data,
    journalSync: values.sync,
    compactThresholdBytes: values['compact-threshold'] === undefined ? undefined : Number(values['compact-threshold']),
    javascript: values.javascript,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(`listening on ${server.uri}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`error while stopping: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`embedded-mongodb: ${err.message}\n`);
  process.exit(1);
});
