/**
 * Benchmark of the embedded MongoDB server through the real driver. Not a test: it prints figures
 * and writes them to bench/results/embedded-mongodb.json; it asserts nothing.
 *
 *   npm run bench:mongodb [-- --max-docs 1000000 --seconds 3 --durable]
 *
 * The server runs in its own process (the CLI), the load generator here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient, type Collection, type Document } from 'mongodb';

const { values: args } = parseArgs({
  options: {
    'max-docs': { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    durable: { type: 'boolean', default: false },
  },
});
const MAX_DOCS = Number(args['max-docs']);
const PHASE_MS = Number(args.seconds) * 1000;
const CONCURRENCY = Number(args.concurrency);
const ROOT = join(import.meta.dirname, '..');

async function startServer(dataDir?: string): Promise<{ child: ChildProcess; uri: string }> {
  const cli = join(ROOT, 'packages', 'embedded-mongodb', 'src', 'cli.ts');
  const extra = dataDir ? ['--data', dataDir] : [];
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', cli, '--port', '0', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, uri };
}

/** Runs `op` from `concurrency` loops for `ms`; returns operations per second. */
async function throughput(ms: number, concurrency: number, op: (i: number) => Promise<unknown>, unitsPerOp = 1): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await op(count++);
    }),
  );
  return (count * unitsPerOp) / ((performance.now() - start) / 1000);
}

/** Sequential latencies in microseconds. */
async function latencies(n: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await op(i);
    out.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return out.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rand = (n: number) => Math.floor(Math.random() * n);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function accountDoc(i: number): Document {
  return { _id: `acc-${i}`, key: `key-${i}`, owner: `owner-${i % 1000}`, balance: i % 10_000, rev: 0, currency: 'EUR', plain: `p-${i}` };
}

async function fill(coll: Collection<Document>, from: number, to: number): Promise<void> {
  const batch = 10_000;
  for (let i = from; i < to; i += batch) {
    const docs = [];
    for (let j = i; j < Math.min(to, i + batch); j++) docs.push(accountDoc(j));
    await coll.insertMany(docs, { ordered: false });
  }
}

async function main(): Promise<void> {
  const dataDir = args.durable ? mkdtempSync(join(tmpdir(), 'bench-mongodb-')) : undefined;
  const server = await startServer(dataDir);
  const client = await new MongoClient(server.uri, { maxPoolSize: CONCURRENCY * 2 }).connect();
  const db = client.db('bench');
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    storage: dataDir ? 'data directory (journal, no fsync)' : 'in memory',
    concurrency: CONCURRENCY,
    phaseSeconds: PHASE_MS / 1000,
  };
  try {
    // Throughput on a 100k-document collection with a unique secondary index.
    const tp = db.collection('throughput');
    await tp.createIndex({ key: 1 }, { unique: true });
    let next = 0;
    const insertsSingle = await throughput(PHASE_MS, CONCURRENCY, () => tp.insertOne(accountDoc(next++)));
    const batchSize = 1000;
    const insertsBatched = await throughput(
      PHASE_MS,
      CONCURRENCY,
      () => {
        const start = next;
        next += batchSize;
        return tp.insertMany(Array.from({ length: batchSize }, (_, i) => accountDoc(start + i)), { ordered: false });
      },
      batchSize,
    );
    if (next < 100_000) await fill(tp, next, 100_000);
    const size = Math.max(next, 100_000);
    const indexedFinds = await throughput(PHASE_MS, CONCURRENCY, () => tp.findOne({ key: `key-${rand(size)}` }));
    const idFinds = await throughput(PHASE_MS, CONCURRENCY, () => tp.findOne({ _id: `acc-${rand(size)}` } as Document));
    let rev = 1;
    const updatesSingle = await throughput(PHASE_MS, CONCURRENCY, () =>
      tp.updateOne({ _id: `acc-${rand(size)}`, rev: { $lt: 1e12 } } as Document, { $set: { rev: rev++ }, $inc: { balance: 1 } }),
    );
    const bulkOps = 500;
    const updatesBulk = await throughput(
      PHASE_MS,
      CONCURRENCY,
      () =>
        tp.bulkWrite(
          Array.from({ length: bulkOps }, () => ({
            updateOne: { filter: { _id: `acc-${rand(size)}` } as Document, update: { $set: { rev: rev++ } } },
          })),
          { ordered: false },
        ),
      bulkOps,
    );
    const latency = await latencies(5000, () => tp.findOne({ _id: `acc-${rand(size)}` } as Document));
    const indexedLatency = await latencies(5000, () => tp.findOne({ key: `key-${rand(size)}` }));
    results.throughput = {
      collectionDocs: size,
      insertsPerSecSingle: insertsSingle,
      insertsPerSecInsertMany1000: insertsBatched,
      findsPerSecByIndexedField: indexedFinds,
      findsPerSecById: idFinds,
      updatesPerSecSingleById: updatesSingle,
      updatesPerSecBulkWrite500: updatesBulk,
      findByIdLatencyUs: { p50: percentile(latency, 50), p99: percentile(latency, 99) },
      findByIndexedFieldLatencyUs: { p50: percentile(indexedLatency, 50), p99: percentile(indexedLatency, 99) },
    };
    await tp.drop();

    // Scaling: lookup cost as the collection grows, indexed vs not.
    const scale = db.collection('scaling');
    await scale.createIndex({ key: 1 });
    const sizes = [1_000, 10_000, 100_000, 1_000_000].filter((n) => n <= MAX_DOCS);
    const scaling: Record<string, unknown>[] = [];
    let loaded = 0;
    for (const n of sizes) {
      const t0 = performance.now();
      await fill(scale, loaded, n);
      const loadSeconds = (performance.now() - t0) / 1000;
      const docsPerSec = (n - loaded) / loadSeconds;
      loaded = n;
      // find().toArray() (no limit) so every strategy must establish that there is no other match.
      const byId = await latencies(2000, () => scale.find({ _id: `acc-${rand(n)}` } as Document).toArray());
      const byIndex = await latencies(2000, () => scale.find({ key: `key-${rand(n)}` }).toArray());
      const byScan = await latencies(Math.max(3, Math.min(200, 1e6 / n)), () => scale.find({ plain: `p-${rand(n)}` }).toArray());
      scaling.push({ docs: n, loadDocsPerSec: docsPerSec, idLookupMeanUs: mean(byId), indexedLookupMeanUs: mean(byIndex), unindexedLookupMeanUs: mean(byScan) });
    }
    results.scaling = scaling;
  } finally {
    await client.close();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }

  const t = results.throughput as Record<string, number & Record<string, number>>;
  console.log(`\nembedded-mongodb benchmark (${results.storage}, ${CONCURRENCY} concurrent operations, ${PHASE_MS / 1000}s per phase, ${t.collectionDocs} docs)\n`);
  console.table({
    'inserts/s (insertOne)': fmt(t.insertsPerSecSingle),
    'inserts/s (insertMany x1000)': fmt(t.insertsPerSecInsertMany1000),
    'finds/s (findOne by indexed field)': fmt(t.findsPerSecByIndexedField),
    'finds/s (findOne by _id)': fmt(t.findsPerSecById),
    'updates/s (updateOne by _id + guard)': fmt(t.updatesPerSecSingleById),
    'updates/s (bulkWrite x500)': fmt(t.updatesPerSecBulkWrite500),
    'findOne by _id latency p50 / p99 (µs)': `${fmt(t.findByIdLatencyUs.p50)} / ${fmt(t.findByIdLatencyUs.p99)}`,
    'findOne by indexed field p50 / p99 (µs)': `${fmt(t.findByIndexedFieldLatencyUs.p50)} / ${fmt(t.findByIndexedFieldLatencyUs.p99)}`,
  });
  console.log('\nlookup cost by collection size (mean µs per find of one document, one request in flight)\n');
  console.table(
    (results.scaling as Record<string, number>[]).map((r) => ({
      docs: fmt(r.docs),
      'by _id': fmt(r.idLookupMeanUs),
      'by indexed field': fmt(r.indexedLookupMeanUs),
      'by unindexed field (scan)': fmt(r.unindexedLookupMeanUs),
      'load docs/s': fmt(r.loadDocsPerSec),
    })),
  );
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(ROOT, 'bench', 'results', args.durable ? 'embedded-mongodb-durable.json' : 'embedded-mongodb.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwritten to ${file}`);
}

await main();
