import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from './catalog.js';
import { DISCARD_CHANGES } from './change-log.js';
import { Journal } from './journal.js';
import { CorruptDataError, scanRecords } from './record-file.js';
import { applyChange } from './replay.js';
import { captureImage, readSnapshot, syncDirectory, writeSnapshot } from './snapshot.js';

/**
 * Layout: `snapshot-<g>.bson` holds the state at the start of `journal-<g>.log`; later journals
 * follow in generation order. Compaction opens journal g+1, writes snapshot g+1 from an image
 * taken at that instant, then deletes older files, so a crash at any point leaves a directory
 * that recovers to the last acknowledged write.
 */
const MARKER = 'EMBEDDED_MONGODB';
const LOCK = 'mongod.lock';
const SNAPSHOT = /^snapshot-(\d+)\.bson$/;
const JOURNAL = /^journal-(\d+)\.log$/;

export interface DataDirectoryOptions {
  /** fdatasync the journal on every write command (power-loss durability). */
  readonly sync?: boolean;
  /** Compact once the journal exceeds this many bytes (and the last snapshot's size). */
  readonly compactThresholdBytes?: number;
  readonly log?: (message: string) => void;
}

export class DataDirectory {
  private journal!: Journal;
  private generation = 0;
  private snapshotBytes = 0;
  private compaction: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly catalog: Catalog,
    private readonly options: DataDirectoryOptions,
  ) {}

  /** Recovers the catalog from the directory (creating it if needed) and starts journaling. */
  static open(dir: string, catalog: Catalog, options: DataDirectoryOptions = {}): DataDirectory {
    const store = new DataDirectory(dir, catalog, options);
    store.prepare();
    store.lock();
    try {
      store.recover();
    } catch (err) {
      store.unlock();
      if (err instanceof CorruptDataError) throw err;
      throw new CorruptDataError(`${dir}: cannot recover: ${(err as Error).message}`);
    }
    return store;
  }

  private prepare(): void {
    mkdirSync(this.dir, { recursive: true });
    const entries = readdirSync(this.dir);
    if (!entries.includes(MARKER)) {
      if (entries.length > 0) {
        throw new CorruptDataError(`${this.dir} is not empty and is not an embedded-mongodb data directory (no ${MARKER} file)`);
      }
      writeFileSync(join(this.dir, MARKER), 'format 1\n');
      syncDirectory(this.dir);
    }
  }

  private lock(): void {
    const path = join(this.dir, LOCK);
    if (existsSync(path)) {
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(`${this.dir} is in use by process ${pid}`);
      }
    }
    writeFileSync(path, String(process.pid));
  }

  private unlock(): void {
    rmSync(join(this.dir, LOCK), { force: true });
  }

  private recover(): void {
    const entries = readdirSync(this.dir);
    for (const name of entries) if (name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
    const snapshots = generations(entries, SNAPSHOT);
    const journals = generations(entries, JOURNAL);
    const base = snapshots.length > 0 ? snapshots[snapshots.length - 1] : 0;
    const replay = journals.filter((g) => g >= base);
    replay.forEach((g, i) => {
      if (g !== base + i) throw new CorruptDataError(`${this.dir}: journal-${base + i}.log is missing`);
    });
    if (snapshots.length === 0 && journals.length > 0 && journals[0] !== 0) {
      throw new CorruptDataError(`${this.dir}: snapshot-${journals[0]}.bson is missing`);
    }

    this.catalog.sink = DISCARD_CHANGES;
    if (snapshots.length > 0) this.snapshotBytes = readSnapshot(join(this.dir, `snapshot-${base}.bson`), this.catalog);
    let lastBytes = 0;
    let replayed = 0;
    for (const g of replay) {
      const path = join(this.dir, `journal-${g}.log`);
      const bytes = readFileSync(path);
      const scan = scanRecords(bytes, path, (change) => {
        applyChange(this.catalog, change, path);
        replayed++;
      });
      const last = g === replay[replay.length - 1];
      if (scan.tornBytes > 0) {
        // Only the final journal can end in a torn append, and that write was never acknowledged.
        if (!last) throw new CorruptDataError(`${path}: truncated record in a closed journal`);
        truncateSync(path, scan.validEnd);
        this.options.log?.(`${path}: dropped ${scan.tornBytes} bytes of an unacknowledged write`);
      }
      lastBytes = scan.validEnd;
    }
    for (const g of journals) if (g < base) rmSync(join(this.dir, `journal-${g}.log`), { force: true });
    for (const g of snapshots) if (g < base) rmSync(join(this.dir, `snapshot-${g}.bson`), { force: true });

    this.generation = replay.length > 0 ? replay[replay.length - 1] : base;
    this.journal = new Journal(join(this.dir, `journal-${this.generation}.log`), lastBytes, this.options.sync ?? false);
    this.catalog.sink = this.journal;
    // Start-up compaction folds the replayed journals into a fresh snapshot.
    if (replayed > 0) void this.compact();
  }

  /** Writes pending changes; called once per command, before its reply leaves. */
  commit(): void {
    this.journal.commit();
    const threshold = this.options.compactThresholdBytes ?? 64 * 1024 * 1024;
    if (!this.compaction && !this.closed && this.journal.size > threshold && this.journal.size > this.snapshotBytes) {
      void this.compact();
    }
  }

  /** Folds everything so far into a new snapshot; resolves when done (failures are logged, the journal keeps the data). */
  compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    this.journal.commit();
    const next = this.generation + 1;
    const image = captureImage(this.catalog);
    const previous = this.journal;
    this.journal = new Journal(join(this.dir, `journal-${next}.log`), 0, this.options.sync ?? false);
    this.catalog.sink = this.journal;
    previous.close();
    const oldGeneration = this.generation;
    this.generation = next;
    const path = join(this.dir, `snapshot-${next}.bson`);
    this.compaction = writeSnapshot(path, image, next)
      .then(() => {
        syncDirectory(this.dir);
        this.snapshotBytes = statSync(path).size;
        for (let g = 0; g <= oldGeneration; g++) {
          rmSync(join(this.dir, `journal-${g}.log`), { force: true });
          rmSync(join(this.dir, `snapshot-${g}.bson`), { force: true });
        }
      })
      .catch((err: Error) => this.options.log?.(`compaction failed, journals kept: ${err.message}`))
      .finally(() => {
        this.compaction = undefined;
      });
    return this.compaction;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.compaction;
    this.journal.close();
    this.catalog.sink = DISCARD_CHANGES;
    this.unlock();
  }
}

function generations(entries: string[], pattern: RegExp): number[] {
  return entries
    .map((name) => pattern.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
