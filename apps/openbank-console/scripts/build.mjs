#!/usr/bin/env node
// Builds the web console into apps/openbank-console/dist, where the API serves it at /console.
//   node apps/openbank-console/scripts/build.mjs             build
//   node apps/openbank-console/scripts/build.mjs --if-stale  build only when a source is newer than the last build
// `npm start` builds it when stale, `npm run build` always; the browser specs build it when stale.
// Builds are serialised (a lock under node_modules/.cache), so specs started side by side build it once.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import lockfile from 'proper-lockfile';

const consoleRoot = join(import.meta.dirname, '..');
const repositoryRoot = join(consoleRoot, '..', '..');
const outDir = join(consoleRoot, 'dist');
const stamp = join(outDir, '.built');

function files(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const inputs = () =>
  [
    join(consoleRoot, 'index.html'),
    join(consoleRoot, 'vite.config.mjs'),
    join(consoleRoot, 'src'),
    join(consoleRoot, 'scripts', 'build.mjs'),
    join(repositoryRoot, 'package-lock.json'),
  ].flatMap(files);

function isStale() {
  const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs;
  return built === undefined || inputs().some((file) => statSync(file).mtimeMs > built);
}

/** Precompressed copies of the text assets: @fastify/static serves them to browsers that accept them. */
function precompress() {
  let raw = 0;
  let gzipped = 0;
  for (const file of files(join(outDir, 'assets')).filter((name) => /\.(js|css|svg|json)$/.test(name))) {
    const content = readFileSync(file);
    const gzip = gzipSync(content, { level: 9 });
    writeFileSync(`${file}.gz`, gzip);
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    raw += content.length;
    gzipped += gzip.length;
  }
  return { raw, gzipped };
}

async function build() {
  const started = performance.now();
  // A production build whoever runs it: Jest sets NODE_ENV=test, which would bundle React's development build.
  process.env.NODE_ENV = 'production';
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(consoleRoot, 'vite.config.mjs'), mode: 'production', logLevel: 'warn' });
  const { raw, gzipped } = precompress();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  const kB = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
  console.log(
    `console: built ${relative(process.cwd(), outDir) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s (${kB(raw)} of scripts and styles, ${kB(gzipped)} gzipped)`,
  );
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && !isStale()) process.exit(0);

const lockPath = join(repositoryRoot, 'node_modules', '.cache', 'openbank-console-build.lock');
mkdirSync(dirname(lockPath), { recursive: true });
const release = await lockfile.lock(consoleRoot, { lockfilePath: lockPath, stale: 120_000, retries: { retries: 240, minTimeout: 250, maxTimeout: 1000 } });
try {
  // Another build may have finished while this one waited for the lock.
  if (!ifStale || isStale()) await build();
} finally {
  await release();
}
