import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import { damagedFiles, describeFile, eventLogFile, readManifest, writeManifest, backupFormat, backupFormatVersion, type BackupManifest } from './backup-manifest.js';
import { copyEventLog } from './event-log-copy.js';
import { dumpDatabase, loadDatabase } from './mongo-dump.js';

/** Where the embedded stores keep their data under DATA_DIR (as the bank starts them). */
export function embeddedStoreDirectories(dataDir: string): { kurrentdb: string; mongodb: string } {
  return { kurrentdb: join(dataDir, 'kurrentdb'), mongodb: join(dataDir, 'mongodb') };
}

export interface BackupRequest {
  /** DATA_DIR: where the embedded stores keep their data. */
  readonly dataDir: string;
  /** The application's database on the embedded MongoDB. */
  readonly db: Db;
  /** The directory the backup is written to; it must not exist yet. */
  readonly directory: string;
  readonly now: Date;
}

/**
 * Backs up the running embedded stores: MongoDB first (a dump through the driver), then the
 * event log (see copyEventLog), then the manifest with a sha256 of each file. A backup without a
 * manifest is one that did not finish: restore refuses it.
 */
export async function backupEmbeddedStores({ dataDir, db, directory, now }: BackupRequest): Promise<BackupManifest> {
  const source = join(embeddedStoreDirectories(dataDir).kurrentdb, 'kurrentdb.log');
  if (!existsSync(source)) throw new Error(`no embedded KurrentDB log at ${source}`);
  if (existsSync(directory)) throw new Error(`${directory} exists already`);
  await mkdir(directory, { recursive: true });
  try {
    const dump = await dumpDatabase(db, join(directory, 'mongodb'));
    const log = await copyEventLog(source, join(directory, eventLogFile), eventLogFile);
    const files = [...(await Promise.all(dump.paths.map((path) => describeFile(directory, `mongodb/${path}`)))), log];
    const manifest: BackupManifest = {
      format: backupFormat,
      version: backupFormatVersion,
      created_at: now.toISOString(),
      mongodb: { database: db.databaseName, collections: dump.collections },
      kurrentdb: { log },
      files,
    };
    await writeManifest(directory, manifest);
    return manifest;
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

export interface RestoreRequest {
  readonly dataDir: string;
  readonly backup: string;
  readonly now: Date;
  /** Told what is being done, step by step. */
  readonly progress?: (step: string) => void;
}

export interface RestoreReport {
  readonly manifest: BackupManifest;
  /** Where the stores' data that was there before went (nothing is deleted). */
  readonly previous?: string;
  readonly events: number;
  readonly documents: number;
}

/**
 * Restores a backup into the embedded stores' directories under DATA_DIR, with OpenBank stopped:
 * checks every file's sha256, moves what the directories held aside (`DATA_DIR/before-restore-<time>`),
 * puts the event log back and opens it with the embedded KurrentDB (which checks every frame), then
 * loads the dump into a fresh embedded MongoDB.
 */
export async function restoreEmbeddedStores({ dataDir, backup, now, progress = () => undefined }: RestoreRequest): Promise<RestoreReport> {
  const manifest = await readManifest(backup);
  const damaged = await damagedFiles(backup, manifest);
  if (damaged.length > 0) throw new Error(`the backup ${backup} is damaged: ${damaged.join(', ')} missing or not matching its sha256`);
  progress(`backup of ${manifest.created_at}: every file matches its sha256`);

  const directories = embeddedStoreDirectories(dataDir);
  for (const [directory, lock] of [[directories.kurrentdb, 'LOCK'], [directories.mongodb, 'mongod.lock']]) {
    const owner = lockOwner(join(directory, lock));
    if (owner !== undefined) throw new Error(`${directory} is in use by process ${owner}: stop OpenBank (or the embedded server) first`);
  }
  const present = Object.values(directories).filter((directory) => existsSync(directory));
  const previous = present.length > 0 ? join(dataDir, `before-restore-${now.toISOString().replace(/[:.]/g, '-')}`) : undefined;
  if (previous) {
    await mkdir(previous, { recursive: true });
    for (const directory of present) await rename(directory, join(previous, directory.slice(dataDir.length + 1)));
    progress(`the stores' data that was there is kept in ${previous}`);
  }

  await copyEventLog(join(backup, eventLogFile), join(directories.kurrentdb, 'kurrentdb.log'), eventLogFile);
  const events = await countEvents(directories.kurrentdb);
  progress(`event log restored: ${events} events`);
  const documents = await loadDump(directories.mongodb, backup, manifest);
  progress(`MongoDB restored: ${manifest.mongodb.collections.length} collections, ${documents} documents`);
  return { manifest, ...(previous ? { previous } : {}), events, documents };
}

/** Opens the restored log with the embedded server (it replays and checks every frame) and counts the events of $all. */
async function countEvents(directory: string): Promise<number> {
  const { startEmbeddedKurrentDB } = await import('@openbank/embedded-kurrentdb');
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  const server = await startEmbeddedKurrentDB({ dataDir: directory, port: 0 });
  const client = KurrentDBClient.connectionString(server.connectionString);
  try {
    let events = 0;
    for await (const _ of client.readAll()) events++;
    return events;
  } finally {
    await client.dispose();
    await server.stop();
  }
}

async function loadDump(directory: string, backup: string, manifest: BackupManifest): Promise<number> {
  const { startEmbeddedMongo } = await import('@openbank/embedded-mongodb');
  const { MongoClient } = await import('mongodb');
  const server = await startEmbeddedMongo({ dataDir: directory, port: 0 });
  const client = await MongoClient.connect(server.uri);
  try {
    await loadDatabase(client.db(manifest.mongodb.database), join(backup, 'mongodb'), manifest.mongodb.collections);
    return manifest.mongodb.collections.reduce((sum, collection) => sum + collection.documents, 0);
  } finally {
    await client.close();
    await server.stop();
  }
}

/** The live process whose pid an embedded server's lock file holds (each server writes its own on start). */
function lockOwner(lockFile: string): number | undefined {
  if (!existsSync(lockFile)) return undefined;
  const pid = Number(readFileSync(lockFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
