/**
 * `npm run test:real-stores`: the embedded servers' conformance specs and the application's
 * end-to-end specs, run against the real KurrentDB and MongoDB in containers started by
 * Testcontainers, so anyone with a container engine can check the embedded servers against the
 * servers they stand in for. Without an engine it says so and exits non-zero: nothing is faked.
 *
 * The specs name their stores through KURRENTDB_CONNECTION_STRING and MONGODB_URI (see
 * startTestStores in @openbank/testing and the packages' test targets).
 */
import { MongoDBContainer } from '@testcontainers/mongodb';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { startKurrentDBContainer, type StartedKurrentDB } from './kurrentdb-container.js';
import { endToEndPlan, type SpecRun } from './plan.js';

const root = join(import.meta.dirname, '..', '..');

const images = {
  kurrentdb: process.env.REAL_KURRENTDB_IMAGE ?? 'docker.kurrent.io/kurrent-lts/kurrentdb:25.1',
  /** Before 25.1 a node cannot append to several streams at once: the specs of the step-by-step transfer need one. */
  kurrentdbWithoutMultiStreamAppend: process.env.REAL_KURRENTDB_OLD_IMAGE ?? 'docker.kurrent.io/kurrent-lts/kurrentdb:24.10',
  mongodb: process.env.REAL_MONGODB_IMAGE ?? 'mongo:7.0',
};

async function containerEngineOrExit(): Promise<void> {
  try {
    const client = await getContainerRuntimeClient();
    console.log(`container engine: ${client.info.containerRuntime.host} (${client.info.containerRuntime.remoteSocketPath ?? 'local'})`);
  } catch (error) {
    console.error(
      'test:real-stores needs a container engine (Docker or Podman) to start the real KurrentDB and MongoDB, and found none:\n' +
        `  ${error instanceof Error ? error.message : String(error)}\n` +
        'Nothing was run. `npm test` runs the same specs on the embedded stores.',
    );
    process.exit(2);
  }
}

/** The MongoDB image runs as a one-member replica set; the specs talk to that one member directly. */
const startMongo = async () => {
  const started = await new MongoDBContainer(images.mongodb).start();
  return { started, uri: `${started.getConnectionString()}/?directConnection=true` };
};

function jest(files: readonly string[], stores: { kurrentdb: string; mongodb: string }): boolean {
  const run = spawnSync('npm', ['run', 'jest', '--', '--runInBand', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KURRENTDB_CONNECTION_STRING: stores.kurrentdb, MONGODB_URI: stores.mongodb },
  });
  return run.status === 0;
}

/** The packages' conformance specs that take their target from the environment. */
function conformanceSpecs(): string[] {
  const kurrentdb = join(root, 'packages/embedded-kurrentdb/test/conformance');
  const mongodb = join(root, 'packages/embedded-mongodb/test');
  return [
    ...readdirSync(kurrentdb).filter((file) => file.endsWith('.spec.ts')).map((file) => join(kurrentdb, file)),
    ...readdirSync(mongodb)
      .filter((file) => file.endsWith('.spec.ts') && readFileSync(join(mongodb, file), 'utf8').includes("from './target.js'"))
      .map((file) => join(mongodb, file)),
  ].map((file) => relative(root, file));
}

async function main(): Promise<void> {
  await containerEngineOrExit();
  const results: Outcome[] = [];
  const mongo = await startMongo();
  let kurrentdb: StartedKurrentDB | undefined;
  try {
    kurrentdb = await startKurrentDBContainer(images.kurrentdb);
    const passed = jest(conformanceSpecs(), { kurrentdb: kurrentdb.connectionString, mongodb: mongo.uri });
    results.push({ what: 'conformance specs of both servers', outcome: passed ? 'PASS' : 'FAIL' });
    await kurrentdb.stop();
    kurrentdb = undefined;
    // A fresh node per file: consumer groups and $all carry over from one file to the next otherwise.
    for (const run of endToEndPlan(root)) results.push(await endToEnd(run, mongo.uri));
  } finally {
    await kurrentdb?.stop();
    await mongo.started.stop();
  }
  for (const { what, outcome } of results) console.log(`${outcome.padEnd(7)} ${what}`);
  process.exit(results.some((result) => result.outcome === 'FAIL') ? 1 : 0);
}

interface Outcome {
  readonly what: string;
  readonly outcome: 'PASS' | 'FAIL' | 'NOT RUN';
}

async function endToEnd(run: SpecRun, mongodb: string): Promise<Outcome> {
  if (run.skip) return { what: `${run.file}: ${run.skip}`, outcome: 'NOT RUN' };
  const node = await startKurrentDBContainer(run.withoutMultiStreamAppend ? images.kurrentdbWithoutMultiStreamAppend : images.kurrentdb);
  try {
    return { what: run.file, outcome: jest([run.file], { kurrentdb: node.connectionString, mongodb }) ? 'PASS' : 'FAIL' };
  } finally {
    await node.stop();
  }
}

await main();
