/**
 * npm run kurrentdb:embedded -- --port 2113 [--data ./data/kurrentdb] [--durability fsync] [--run-projections]
 * Prints `listening on kurrentdb://127.0.0.1:PORT?tls=false` once clients can connect.
 */
import { parseArgs } from 'node:util';
import { startEmbeddedKurrentDB } from './embedded-kurrentdb.js';
import { DataDirectoryError } from './log/data-directory-error.js';
import type { Durability } from './log/log-file.js';

const usage =
  'usage: kurrentdb:embedded [--port N] [--host ADDRESS] [--data DIR] [--durability write|fsync] [--run-projections]';

function fail(message: string): never {
  process.stderr.write(`embedded-kurrentdb: ${message}\n`);
  process.exit(1);
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '2113' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        durability: { type: 'string', default: 'write' },
        'run-projections': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer from 0 to 65535\n${usage}`);
  if (args.durability !== 'write' && args.durability !== 'fsync') fail(`--durability must be write or fsync\n${usage}`);

  let server;
  try {
    server = await startEmbeddedKurrentDB({
      port,
      host: args.host,
      dataDir: args.data,
      durability: args.durability as Durability,
      runProjections: args['run-projections'],
    });
  } catch (error) {
    fail(error instanceof DataDirectoryError ? error.message : `could not start: ${(error as Error).message}`);
  }
  process.stdout.write(`listening on ${server.connectionString}\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: Error) => fail(`error while stopping on ${signal}: ${error.message}`),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
