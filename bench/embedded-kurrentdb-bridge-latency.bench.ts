/**
 * Why one `readStream` through the client's Rust bridge took 35-75 ms against a minimal
 * grpc-js server while plain grpc-js took ~3 ms, and what the embedded server does about it.
 *
 *   npx tsx bench/embedded-kurrentdb-bridge-latency.bench.ts [-- --reads 2000]
 *
 * Each server variant runs in its own process and answers ServerFeatures plus a 10-event Read.
 * The load generator reads sequentially through the bridge (`readStream`) and through plain
 * grpc-js stubs, and prints latency percentiles and how many reads took over 20 ms.
 *   minimal      a bare grpc-js server (what the issue measured)
 *   headers      + response headers sent as soon as the request headers arrive
 *   prompt-ack   + a 1-byte WINDOW_UPDATE when the request message arrives (the embedded server's fix)
 *   embedded     the embedded server itself
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  ServerInterceptingCall,
  ServerListenerBuilder,
  type ServerInterceptor,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import featuresGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb.js';
import featuresModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb.js';
import sharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import streamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import { startEmbeddedKurrentDB } from '../packages/embedded-kurrentdb/src/index.js';
import { promptAck } from '../packages/embedded-kurrentdb/src/grpc/prompt-ack-interceptor.js';

const VARIANTS = ['minimal', 'headers', 'prompt-ack', 'embedded'] as const;
type Variant = (typeof VARIANTS)[number];

const { values: args } = parseArgs({ options: { reads: { type: 'string', default: '2000' }, serve: { type: 'string' } } });
const STREAM = 'latency-1';

// ---------------------------------------------------------------- server side (child process)

const headersOnly: ServerInterceptor = (method, call) =>
  new ServerInterceptingCall(call, {
    start: (next) =>
      next(
        new ServerListenerBuilder()
          .withOnReceiveMetadata((metadata, forward) => {
            if (!method.requestStream) call.sendMetadata(new Metadata());
            forward(metadata);
          })
          .build(),
      ),
  });

function minimalRead(call: ServerWritableStream<streamsModule.ReadReq, streamsModule.ReadResp>): void {
  for (let revision = 0; revision < 10; revision++) {
    const recorded = new streamsModule.ReadResp.ReadEvent.RecordedEvent()
      .setId(new sharedModule.UUID().setString(`6c5b8bd2-1c84-4d8f-9ef5-3c1d9b0f7a1${revision}`))
      .setStreamIdentifier(new sharedModule.StreamIdentifier().setStreamName(Buffer.from(STREAM)))
      .setStreamRevision(String(revision))
      .setPreparePosition(String(100 + revision))
      .setCommitPosition(String(100 + revision))
      .setData(Buffer.from('{"amount":"10.00"}'));
    const metadata = recorded.getMetadataMap();
    metadata.set('type', 'Deposited');
    metadata.set('content-type', 'application/json');
    metadata.set('created', `${Date.now()}0000`);
    const event = new streamsModule.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(100 + revision));
    call.write(new streamsModule.ReadResp().setEvent(event));
  }
  call.end();
}

async function serve(variant: Variant): Promise<void> {
  if (variant === 'embedded') {
    const server = await startEmbeddedKurrentDB();
    const client = KurrentDBClient.connectionString(server.connectionString);
    await client.appendToStream(STREAM, Array.from({ length: 10 }, () => jsonEvent({ type: 'Deposited', data: { amount: '10.00' } })));
    await client.dispose();
    process.stdout.write(`${server.port}\n`);
    return;
  }
  const interceptors = variant === 'headers' ? [headersOnly] : variant === 'prompt-ack' ? [promptAck] : [];
  const server = new Server({ interceptors });
  server.addService(streamsGrpcModule.StreamsService, { read: minimalRead, append() {}, delete() {}, tombstone() {}, batchAppend() {} });
  server.addService(featuresGrpcModule.ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, callback: (error: null, response: featuresModule.SupportedMethods) => void) =>
      callback(null, new featuresModule.SupportedMethods().setEventStoreServerVersion('25.1.0')),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  process.stdout.write(`${port}\n`);
}

// ---------------------------------------------------------------- load generator

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean, over20ms: latencies.filter((value) => value > 20).length };
}

async function measure(variant: Variant, reads: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve', variant], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(Number(line.trim()))));
  const client = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${port}?tls=false`);
  const raw = new streamsGrpcModule.StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const request = new streamsModule.ReadReq().setOptions(
    new streamsModule.ReadReq.Options()
      .setStream(
        new streamsModule.ReadReq.Options.StreamOptions()
          .setStreamIdentifier(new sharedModule.StreamIdentifier().setStreamName(Buffer.from(STREAM)))
          .setStart(new sharedModule.Empty()),
      )
      .setCount('100')
      .setNoFilter(new sharedModule.Empty())
      .setUuidOption(new streamsModule.ReadReq.Options.UUIDOption().setString(new sharedModule.Empty())),
  );
  const first = performance.now();
  for await (const resolved of client.readStream(STREAM)) void resolved;
  const firstRead = performance.now() - first;
  const bridge: number[] = [];
  const grpc: number[] = [];
  for (let i = 0; i < reads; i++) {
    let start = performance.now();
    for await (const resolved of client.readStream(STREAM)) void resolved;
    bridge.push(performance.now() - start);
    start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const call = raw.read(request);
      call.on('data', () => undefined);
      call.on('end', resolve);
      call.on('error', reject);
    });
    grpc.push(performance.now() - start);
  }
  raw.close();
  await client.dispose();
  child.kill('SIGTERM');
  return { variant, firstRead, bridge: summary(bridge), grpc: summary(grpc) };
}

async function main(): Promise<void> {
  if (args.serve) return serve(args.serve as Variant);
  const reads = Number(args.reads);
  const results = [];
  for (const variant of VARIANTS) results.push(await measure(variant, reads));
  const ms = (value: number) => value.toFixed(2);
  const lines = [
    `| server | client | p50 ms | p90 ms | p99 ms | mean ms | reads > 20 ms (of ${reads}) |`,
    '|---|---|---|---|---|---|---|',
    ...results.flatMap((r) => [
      `| ${r.variant} | bridge readStream | ${ms(r.bridge.p50)} | ${ms(r.bridge.p90)} | ${ms(r.bridge.p99)} | ${ms(r.bridge.mean)} | ${r.bridge.over20ms} |`,
      `| ${r.variant} | plain grpc-js | ${ms(r.grpc.p50)} | ${ms(r.grpc.p90)} | ${ms(r.grpc.p99)} | ${ms(r.grpc.mean)} | ${r.grpc.over20ms} |`,
    ]),
    '',
    `first bridge read of a new client (one-time setup, client side): ${results.map((r) => `${r.variant} ${r.firstRead.toFixed(0)} ms`).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const resultsDir = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `embedded-kurrentdb-bridge-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ node: process.version, reads, results }, null, 2)}\n`);
  process.stdout.write(`written to ${path.relative(path.resolve(import.meta.dirname, '..'), file)}\n`);
}

await main();
