import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';

export const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** The application as `nest build` writes it. */
export const builtApplicationEntry = join(repositoryRoot, 'dist', 'apps', 'openbank', 'src', 'main.js');
export const builtProjectorEntry = join(repositoryRoot, 'dist', 'apps', 'openbank-projector', 'src', 'main.js');

export interface StartedProcess {
  readonly child: ChildProcess;
  /** What the process printed after "listening on". */
  readonly address: string;
  /** SIGTERM: the process shuts down in order. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies on the spot, as in a power cut of that process alone. */
  kill(): Promise<void>;
}

/**
 * Starts a process and waits until it prints `listening on <address>`. Benchmarks and the
 * reliability suite run every server in a process of its own: load generator, application and
 * stores never share an event loop, and any of them can be killed.
 */
export function startListeningProcess(args: string[], env: NodeJS.ProcessEnv = {}, logFile?: string, { inheritEnvironment = true } = {}): Promise<StartedProcess> {
  // Without inheriting, the child sees `env` and the PATH only: exactly what a deployment gives it.
  const environment = inheritEnvironment ? { ...process.env, ...env } : { PATH: process.env.PATH, ...env };
  const child = spawn(process.execPath, args, { cwd: repositoryRoot, env: environment, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (!match) return;
      // Later output goes to the log file, or is dropped: either way it is read, so the child never blocks on a full pipe.
      output = '';
      child.stdout!.off('data', onData);
      if (logFile) child.stdout!.pipe(createWriteStream(logFile, { flags: 'a' }));
      else child.stdout!.resume();
      resolve({ child, address: match[1], stop: () => endProcess(child, 'SIGTERM'), kill: () => endProcess(child, 'SIGKILL') });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${args.join(' ')} exited (${signal ?? `code ${code}`}) before listening`)));
  });
}

export function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface StoreProcessOptions {
  /** Keep the data in this directory (it survives a kill); in memory when absent. */
  readonly dataDir?: string;
  /** 0 (the default) picks a free port; a restarted store takes its old port, so clients find it again. */
  readonly port?: number;
  /** Where what the store prints after it listens goes; dropped when absent. */
  readonly logFile?: string;
  /** More of the store's own command-line flags (`--multi-stream-append off`). */
  readonly flags?: readonly string[];
}

const storeProcess = (cli: string, { dataDir, port = 0, logFile, flags = [] }: StoreProcessOptions) =>
  startListeningProcess(['--max-old-space-size=8192', ...cpuProfiling(), '--import', 'tsx', cli, '--port', String(port), ...(dataDir ? ['--data', dataDir] : []), ...flags], {}, logFile);

/** The embedded KurrentDB in its own process. */
export const startKurrentDBProcess = (options: StoreProcessOptions = {}) => storeProcess('packages/embedded-kurrentdb/src/cli.ts', options);

/** The embedded MongoDB in its own process. */
export const startMongoProcess = (options: StoreProcessOptions = {}) => storeProcess('packages/embedded-mongodb/src/cli.ts', options);

/**
 * Builds the application (`nest build`) for startApplicationProcess, unless the build is newer
 * than every source. Test files run in parallel processes and a build empties dist/ first, so
 * one build at a time, under a lock on the repository's package.json.
 */
export async function buildApplication(): Promise<void> {
  const isFresh = async () => existsSync(builtApplicationEntry) && (await newestSourceChange()) < statSync(builtApplicationEntry).mtimeMs;
  if (await isFresh()) return;
  await mkdir(join(repositoryRoot, 'node_modules', '.cache'), { recursive: true });
  const release = await lockfile.lock(join(repositoryRoot, 'package.json'), { lockfilePath: join(repositoryRoot, 'node_modules', '.cache', 'openbank-build.lock'), retries: { retries: 600, minTimeout: 250, maxTimeout: 1000 } });
  try {
    if (await isFresh()) return;
    await promisify(execFile)(process.execPath, [join(repositoryRoot, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'openbank'], { cwd: repositoryRoot });
  } finally {
    await release();
  }
}

const processDefaults = { HOST: '127.0.0.1', LOG_LEVEL: 'info', ACCESS_LOG: 'false' };

/**
 * The built API in its own process, on the given stores. Unless `env` says otherwise it starts a
 * projector of its own as a child (START_PROJECTOR), as `npm start` does.
 */
export async function startApplicationProcess(stores: { kurrentdb: string; mongodb: string }, env: NodeJS.ProcessEnv = {}, logFile?: string): Promise<StartedProcess> {
  return startBuilt(builtApplicationEntry, { PORT: '0', PROJECTOR_PORT: '0', ...storesEnvironment(stores), ...env }, logFile);
}

/** A built projector in its own process, on the given stores (beside API processes started with START_PROJECTOR=false). */
export async function startProjectorProcess(stores: { kurrentdb: string; mongodb: string }, env: NodeJS.ProcessEnv = {}, logFile?: string): Promise<StartedProcess> {
  return startBuilt(builtProjectorEntry, { PROJECTOR_PORT: '0', ...storesEnvironment(stores), ...env }, logFile);
}

const storesEnvironment = (stores: { kurrentdb: string; mongodb: string }) => ({ KURRENTDB_CONNECTION_STRING: stores.kurrentdb, MONGODB_URI: stores.mongodb });

async function startBuilt(entry: string, env: NodeJS.ProcessEnv, logFile?: string): Promise<StartedProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const started = await startListeningProcess([...cpuProfiling(), entry], { ...processDefaults, ...env }, logFile);
  // The processes log JSON: the address ends where the message does.
  return { ...started, address: started.address.replace(/["\\].*$/, '').replace('://0.0.0.0', '://127.0.0.1') };
}

/** BENCH_CPU_PROFILES=<dir>: each store, API and projector writes a V8 CPU profile there when it stops (a projector the API forks inherits the flags). */
function cpuProfiling(): string[] {
  const directory = process.env.BENCH_CPU_PROFILES;
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${directory}`] : [];
}

async function newestSourceChange(): Promise<number> {
  const sources = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
  for (const folder of ['apps', 'libs', 'packages']) {
    const files = await readdir(join(repositoryRoot, folder), { recursive: true });
    sources.push(...files.filter((file) => file.endsWith('.ts') && file.includes('/src/')).map((file) => join(folder, file)));
  }
  const changed = await Promise.all(sources.map(async (file) => (await stat(join(repositoryRoot, file))).mtimeMs));
  return Math.max(...changed);
}

/**
 * A port free on this machine now, for a process that must keep its port across restarts. It is
 * taken below Linux's ephemeral range (32768-60999): clients retrying a connection to a store that
 * is down use ports from that range, and one of them holding the store's port (or connecting to
 * itself on it) would keep the store from listening there again.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port found between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
