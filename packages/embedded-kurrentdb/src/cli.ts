/**
 * embedded-kurrentdb --port 2113 [--data ./data/kurrentdb] [--durability fsync] [--run-projections [system|all]]
 *   [--certificate-file node.crt --certificate-private-key-file node.key] [--authentication on|off] …
 * Prints `listening on kurrentdb://127.0.0.1:PORT?tls=false` once clients can connect.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmbeddedKurrentDB } from './embedded-kurrentdb.js';
import { DataDirectoryError } from './log/data-directory-error.js';
import type { Durability } from './log/log-file.js';

const usage = `usage: embedded-kurrentdb [--port N] [--host ADDRESS] [--data DIR] [--durability write|fsync]
  [--run-projections [none|system|all]] [--start-standard-projections true|false]
  [--certificate-file FILE --certificate-private-key-file FILE] [--authentication on|off]
  [--max-append-size BYTES] [--max-append-event-size BYTES] [--multi-stream-append on|off]`;

/** `--run-projections` alone (the older boolean flag) means `system`. */
function normaliseArguments(argv: string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    result.push(argv[i]);
    if (argv[i] === '--run-projections' && (i + 1 >= argv.length || argv[i + 1].startsWith('--'))) result.push('system');
  }
  return result;
}

function fail(message: string): never {
  process.stderr.write(`embedded-kurrentdb: ${message}\n`);
  process.exit(1);
}

function parse() {
  try {
    return parseArgs({
      args: normaliseArguments(process.argv.slice(2)),
      options: {
        port: { type: 'string', default: '2113' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        durability: { type: 'string', default: 'write' },
        'run-projections': { type: 'string', default: 'none' },
        'start-standard-projections': { type: 'string' },
        'certificate-file': { type: 'string' },
        'certificate-private-key-file': { type: 'string' },
        authentication: { type: 'string' },
        'max-append-size': { type: 'string' },
        'max-append-event-size': { type: 'string' },
        'multi-stream-append': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

/** A two-valued flag: the first word means true; absent means the server's default. */
function booleanFlag(name: string, value: string | undefined, words: [string, string]): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== words[0] && value !== words[1]) fail(`--${name} must be ${words[0]} or ${words[1]}\n${usage}`);
  return value === words[0];
}

function byteCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) fail(`--${name} must be a positive number of bytes\n${usage}`);
  return bytes;
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
  const projections = args['run-projections'];
  if (projections !== 'none' && projections !== 'system' && projections !== 'all') fail(`--run-projections must be none, system or all\n${usage}`);
  const startStandard = booleanFlag('start-standard-projections', args['start-standard-projections'], ['true', 'false']);
  const authentication = booleanFlag('authentication', args.authentication, ['on', 'off']);
  // off: serve as a KurrentDB before 25.1, whose clients append to one stream at a time.
  const multiStreamAppend = booleanFlag('multi-stream-append', args['multi-stream-append'], ['on', 'off']);
  if ((args['certificate-file'] === undefined) !== (args['certificate-private-key-file'] === undefined)) {
    fail(`--certificate-file and --certificate-private-key-file go together\n${usage}`);
  }
  let tls;
  try {
    tls = args['certificate-file']
      ? { certificate: readFileSync(args['certificate-file']), privateKey: readFileSync(args['certificate-private-key-file']!) }
      : undefined;
  } catch (error) {
    fail(`could not read the certificate: ${(error as Error).message}`);
  }

  let server;
  try {
    server = await startEmbeddedKurrentDB({
      port,
      host: args.host,
      dataDir: args.data,
      durability: args.durability as Durability,
      runProjections: projections,
      startStandardProjections: startStandard,
      tls,
      authentication,
      maxAppendSize: byteCount('max-append-size', args['max-append-size']),
      maxAppendEventSize: byteCount('max-append-event-size', args['max-append-event-size']),
      multiStreamAppend,
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
