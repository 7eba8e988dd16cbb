/**
 * Embedded KurrentDB benchmark (not a test: it prints figures, it asserts nothing).
 *
 *   npm run bench:kurrentdb [-- --events 1000000 --seconds 3 --durability write|fsync]
 *
 * The server runs in its own process (the CLI, with a temporary data directory); this process
 * is the load generator, using the real @kurrent/kurrentdb-client (bridge reads, grpc-js
 * writes and subscriptions) and plain grpc-js stubs for comparison.
 * Prints a table and writes JSON to bench/results/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { credentials } from '@grpc/grpc-js';
import { jsonEvent, KurrentDBClient, START, type AppendToStreamOptions } from '@kurrent/kurrentdb-client';
import sharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import streamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '3' },
    durability: { type: 'string', default: 'write' },
  },
});
const TOTAL_EVENTS = Number(args.events);
const SECONDS = Number(args.seconds);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'packages/embedded-kurrentdb/src/cli.ts');

interface Row {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}
const rows: Row[] = [];
function report(metric: string, value: number, unit: string, note?: string): void {
  rows.push({ metric, value, unit, note });
  process.stderr.write(`  ${metric}: ${format(value)} ${unit}${note ? ` (${note})` : ''}\n`);
}
const format = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));

// ---------------------------------------------------------------- server process

interface Server {
  child: ChildProcess;
  connectionString: string;
  startedInMs: number;
}

async function startServer(dataDir: string): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data', dataDir, '--durability', args.durability!], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const connectionString = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, connectionString, startedInMs: performance.now() - started };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** Resident memory of the server process, from /proc. */
function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

// ---------------------------------------------------------------- helpers

const payload = { accountId: randomUUID(), amount: '1250.00', currency: 'EUR', reference: 'x'.repeat(80) };
const metadata = { correlationId: randomUUID(), causationId: randomUUID() };
const event = () => jsonEvent({ type: 'BankAccountTransactionRecordedDomainEventV1', data: payload, metadata });

/** Runs `operation` from `concurrency` loops for `seconds`; returns operations/s and latencies (ms). */
async function load(concurrency: number, seconds: number, operation: (worker: number) => Promise<void>) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const start = performance.now();
        await operation(worker);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / seconds, p50: pick(0.5), p99: pick(0.99) };
}

function rawReadStream(client: InstanceType<typeof streamsGrpcModule.StreamsClient>, stream: string): Promise<number> {
  const options = new streamsModule.ReadReq.Options()
    .setStream(
      new streamsModule.ReadReq.Options.StreamOptions()
        .setStreamIdentifier(new sharedModule.StreamIdentifier().setStreamName(Buffer.from(stream)))
        .setStart(new sharedModule.Empty()),
    )
    .setCount('1000')
    .setNoFilter(new sharedModule.Empty())
    .setUuidOption(new streamsModule.ReadReq.Options.UUIDOption().setString(new sharedModule.Empty()));
  return new Promise((resolve, reject) => {
    let count = 0;
    const call = client.read(new streamsModule.ReadReq().setOptions(options));
    call.on('data', () => count++);
    call.on('end', () => resolve(count));
    call.on('error', reject);
  });
}

// ---------------------------------------------------------------- run

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurrentdb-bench-'));
  process.stderr.write(`embedded KurrentDB benchmark: ${TOTAL_EVENTS} events, ${SECONDS}s per load phase, durability ${args.durability}\n`);
  let server = await startServer(dataDir);
  report('start of an empty server (process start to listening)', server.startedInMs, 'ms');
  const emptyResident = residentBytes(server.child.pid!);
  let client = KurrentDBClient.connectionString(server.connectionString);
  const address = new URL(server.connectionString.replace('kurrentdb:', 'http:')).host;
  const raw = new streamsGrpcModule.StreamsClient(address, credentials.createInsecure());
  let written = 0;

  try {
    // Appends: BatchAppend is the client's default; per-call credentials make it use Append.
    const paths: [string, AppendToStreamOptions][] = [
      ['BatchAppend', {}],
      ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
    ];
    for (const [name, via] of paths) {
      for (const concurrency of [1, 50]) {
        const streams = Array.from({ length: concurrency }, () => `bench-${randomUUID()}`);
        const result = await load(concurrency, SECONDS, async (worker) => {
          await client.appendToStream(streams[worker], event(), via);
          written++;
        });
        report(`append 1 event, ${name}, concurrency ${concurrency}`, result.perSecond, 'appends/s', `p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
      }
    }

    // Stream reads of a 10-event stream, the command path's aggregate load.
    const readStreamName = `read-${randomUUID()}`;
    await client.appendToStream(readStreamName, Array.from({ length: 10 }, event));
    written += 10;
    const firstReadClient = KurrentDBClient.connectionString(server.connectionString);
    const firstStart = performance.now();
    for await (const resolved of firstReadClient.readStream(readStreamName)) void resolved;
    report('first readStream of a new client (bridge setup)', performance.now() - firstStart, 'ms');
    await firstReadClient.dispose();
    for (const concurrency of [1, 50]) {
      const viaBridge = await load(concurrency, SECONDS, async () => {
        for await (const resolved of client.readStream(readStreamName)) void resolved;
      });
      report(`readStream (10 events), bridge, concurrency ${concurrency}`, viaBridge.perSecond, 'reads/s', `p50 ${viaBridge.p50.toFixed(2)} ms, p99 ${viaBridge.p99.toFixed(2)} ms`);
      const viaGrpc = await load(concurrency, SECONDS, async () => {
        await rawReadStream(raw, readStreamName);
      });
      report(`readStream (10 events), plain grpc-js, concurrency ${concurrency}`, viaGrpc.perSecond, 'reads/s', `p50 ${viaGrpc.p50.toFixed(2)} ms, p99 ${viaGrpc.p99.toFixed(2)} ms`);
    }

    // Bulk load up to the target size: 500-event appends from 8 writers.
    const loadStart = performance.now();
    const batch = 500;
    let next = 0;
    const remaining = Math.max(0, TOTAL_EVENTS - written);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < remaining) {
          const size = Math.min(batch, remaining - next);
          next += size;
          await client.appendToStream(`account-${randomUUID()}`, Array.from({ length: size }, event));
        }
      }),
    );
    written += remaining;
    report('bulk load (500-event appends, 8 writers)', remaining / ((performance.now() - loadStart) / 1000), 'events/s');

    const allStart = performance.now();
    let allCount = 0;
    for await (const resolved of client.readAll({ fromPosition: START })) {
      void resolved;
      allCount++;
    }
    report(`readAll from start (${allCount} events), bridge`, allCount / ((performance.now() - allStart) / 1000), 'events/s');

    const subscriptionStart = performance.now();
    let delivered = 0;
    await new Promise<void>((resolve, reject) => {
      const subscription = client.subscribeToAll({ fromPosition: START });
      subscription.on('data', () => delivered++);
      subscription.on('caughtUp', () => void subscription.unsubscribe().then(resolve));
      subscription.on('error', reject);
    });
    report(`subscribeToAll catch-up (${delivered} events), grpc-js`, delivered / ((performance.now() - subscriptionStart) / 1000), 'events/s');

    // Restart on the same directory: recovery time, then memory with nothing but the recovered store.
    await client.dispose();
    await stopServer(server);
    const logBytes = fs.statSync(path.join(dataDir, 'kurrentdb.log')).size;
    server = await startServer(dataDir);
    report(`restart with recovery of ${written} events (process start to listening)`, server.startedInMs, 'ms');
    const recoveredResident = residentBytes(server.child.pid!);
    report('memory per stored event (RSS after recovery minus empty server)', (recoveredResident - emptyResident) / written, 'bytes/event', `${(recoveredResident / 1048576).toFixed(0)} MiB RSS`);
    report('log file bytes per event', logBytes / written, 'bytes/event', `payload ${JSON.stringify(payload).length + JSON.stringify(metadata).length} bytes`);
    client = KurrentDBClient.connectionString(server.connectionString);
  } finally {
    raw.close();
    await client.dispose();
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const table = rows.map((row) => `| ${row.metric} | ${format(row.value)} ${row.unit} | ${row.note ?? ''} |`).join('\n');
  process.stdout.write(`\n| metric | value | note |\n|---|---|---|\n${table}\n`);
  const resultsDir = path.join(root, 'bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `embedded-kurrentdb-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const environment = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, events: TOTAL_EVENTS, seconds: SECONDS, durability: args.durability };
  fs.writeFileSync(file, `${JSON.stringify({ environment, rows }, null, 2)}\n`);
  process.stdout.write(`\nwritten to ${path.relative(root, file)}\n`);
}

await main();
