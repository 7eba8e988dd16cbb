import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A backup of the embedded stores (README, "Backup and restore"), a directory:
 *
 *   manifest.json                    this description, with a sha256 of every other file
 *   mongodb/<database>/<c>.bson      each collection's documents, BSON one after another (mongodump's layout)
 *   mongodb/<database>/<c>.metadata.json  its options and indexes (canonical Extended JSON)
 *   kurrentdb/kurrentdb.log          the embedded KurrentDB's log up to one commit
 *
 * MongoDB is dumped first, the event log copied after: every checkpoint and document in the dump
 * refers to events the log holds, so after a restore the projections go on from their checkpoints.
 */
export const backupFormat = 'openbank-backup';
export const backupFormatVersion = 1;
export const manifestFile = 'manifest.json';
export const eventLogFile = 'kurrentdb/kurrentdb.log';

export interface BackedUpFile {
  /** Relative to the backup's directory. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface BackedUpCollection {
  readonly name: string;
  readonly documents: number;
}

export interface BackupManifest {
  readonly format: typeof backupFormat;
  readonly version: number;
  readonly created_at: string;
  readonly mongodb: { readonly database: string; readonly collections: readonly BackedUpCollection[] };
  readonly kurrentdb: { readonly log: BackedUpFile };
  readonly files: readonly BackedUpFile[];
}

export async function writeManifest(directory: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(directory, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest of a backup; throws with the reason when the directory holds none, or another format. */
export async function readManifest(directory: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(directory, manifestFile), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new Error(`${directory} is not a backup: ${(error as Error).message}`);
  }
  if (manifest.format !== backupFormat) throw new Error(`${directory} is not an ${backupFormat} backup`);
  if (manifest.version !== backupFormatVersion) throw new Error(`backup format version ${manifest.version} is not one this version reads (${backupFormatVersion})`);
  return manifest;
}

export async function describeFile(directory: string, path: string): Promise<BackedUpFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(join(directory, path)) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}

/** The files of the backup that are missing or differ from their checksum. */
export async function damagedFiles(directory: string, manifest: BackupManifest): Promise<string[]> {
  const damaged: string[] = [];
  for (const file of manifest.files) {
    const found = await describeFile(directory, file.path).catch(() => undefined);
    if (!found || found.sha256 !== file.sha256 || found.bytes !== file.bytes) damaged.push(file.path);
  }
  return damaged;
}
