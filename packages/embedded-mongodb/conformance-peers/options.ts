import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface SuiteOptions {
  /** A checkout of mongoose's sources (its tests are run, its lib is what they test). */
  readonly mongooseSrc?: string;
  /** Where the checkout is copied and the suite's npm dependencies are installed. */
  readonly scratchDir: string;
  /** The list of failing tests is written here. */
  readonly failuresFile: string;
  /** Test files to run (paths relative to the checkout's `test/`); empty means all. */
  readonly only: string[];
  readonly jobs: number;
  /** Wall time after which a test file's mocha process is killed. */
  readonly fileTimeoutMs: number;
}

export const USAGE = `usage: npm run conformance:peers -- [--mongoose DIR] [--scratch DIR] [--failures FILE] [--jobs N] [--file-timeout SECONDS] [test files...]

Runs mongoose's own test suite against the embedded server, each test file against a fresh server.
  --mongoose DIR   a checkout of mongoose 9.9.3 (or set MONGOOSE_SRC); get one with
                   git clone --branch 9.9.3 --depth 1 https://github.com/Automattic/mongoose
  --scratch DIR    where the suite and its npm dependencies are installed
                   (default: $TMPDIR/embedded-mongodb-peers; never inside the checkout)
  --failures FILE  list of failing tests (default: <scratch>/mongoose-failures.txt)
  --jobs N         test files run in parallel (default 1)
  --file-timeout S kill a test file after S seconds (default 600)
  test files       e.g. model.test.js docs/lean.test.js (default: every test/**/*.test.js)`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): SuiteOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      mongoose: { type: 'string' },
      scratch: { type: 'string' },
      failures: { type: 'string' },
      jobs: { type: 'string', default: '1' },
      'file-timeout': { type: 'string', default: '600' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  const mongooseSrc = values.mongoose ?? env.MONGOOSE_SRC;
  const scratchDir = resolve(values.scratch ?? env.PEERS_SCRATCH ?? join(tmpdir(), 'embedded-mongodb-peers'));
  const jobs = Number(values.jobs);
  const timeout = Number(values['file-timeout']);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer\n\n${USAGE}`);
  if (!(timeout > 0)) throw new UsageError(`--file-timeout must be a positive number of seconds\n\n${USAGE}`);
  return {
    mongooseSrc: mongooseSrc ? resolve(mongooseSrc) : undefined,
    scratchDir,
    failuresFile: resolve(values.failures ?? join(scratchDir, 'mongoose-failures.txt')),
    only: positionals,
    jobs,
    fileTimeoutMs: timeout * 1000,
  };
}

/** A mistake in how the job was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
