import { open, rename } from 'node:fs/promises';
import { closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { calculateObjectSize, type Binary, type Document } from 'bson';
import type { Catalog } from './catalog.js';
import { CorruptDataError, encodeRecord, scanRecords } from './record-file.js';

const MAGIC = 'openbank-embedded-mongodb-snapshot';
const FORMAT_VERSION = 1;
/** Documents per snapshot record: large enough to amortize framing, small enough to yield often. */
const DOCS_PER_RECORD = 1000;
/** bson serializes into a 17 MiB buffer, so a record must stay well below that. */
const BYTES_PER_RECORD = 8 * 1024 * 1024;

/** A consistent image of the catalog taken synchronously: stored documents are immutable references. */
export interface CatalogImage {
  readonly collections: {
    readonly db: string;
    readonly coll: string;
    readonly options: Document;
    readonly uuid: Binary;
    readonly indexes: Document[];
    readonly docs: Document[];
  }[];
}

export function captureImage(catalog: Catalog): CatalogImage {
  return {
    collections: [...catalog.all()].map((c) => ({
      db: c.db,
      coll: c.name,
      options: c.options,
      uuid: c.uuid,
      indexes: [...c.indexes.values()].filter((i) => !i.isIdIndex).map((i) => i.spec),
      docs: [...c.records.values()].map((r) => r.doc),
    })),
  };
}

/**
 * Writes the image to `path` through a temporary file renamed into place, yielding to the event
 * loop between chunks so the server keeps answering while a large snapshot is written.
 */
export async function writeSnapshot(path: string, image: CatalogImage, generation: number): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    let documents = 0;
    const chunks: Buffer[] = [encodeRecord({ magic: MAGIC, version: FORMAT_VERSION, generation })];
    let buffered = chunks[0].length;
    const flush = async (): Promise<void> => {
      if (chunks.length === 0) return;
      await handle.write(Buffer.concat(chunks, buffered));
      chunks.length = 0;
      buffered = 0;
    };
    const push = async (doc: Document): Promise<void> => {
      const record = encodeRecord(doc);
      chunks.push(record);
      buffered += record.length;
      if (buffered >= 4 * 1024 * 1024) await flush();
    };
    for (const c of image.collections) {
      await push({ t: 'collection', db: c.db, coll: c.coll, options: c.options, uuid: c.uuid, indexes: c.indexes });
      let docs: Document[] = [];
      let bytes = 0;
      for (const doc of c.docs) {
        const size = calculateObjectSize(doc);
        if (docs.length > 0 && (docs.length >= DOCS_PER_RECORD || bytes + size > BYTES_PER_RECORD)) {
          await push({ t: 'docs', db: c.db, coll: c.coll, docs });
          docs = [];
          bytes = 0;
        }
        docs.push(doc);
        bytes += size;
        documents++;
      }
      if (docs.length > 0) await push({ t: 'docs', db: c.db, coll: c.coll, docs });
    }
    await push({ t: 'end', collections: image.collections.length, documents });
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/** Loads a snapshot into an empty catalog; anything unexpected is corruption. */
export function readSnapshot(path: string, catalog: Catalog): number {
  const bytes = readFileSync(path);
  let header: Document | undefined;
  let ended = false;
  let documents = 0;
  const scan = scanRecords(bytes, path, (record) => {
    if (!header) {
      if (record.magic !== MAGIC || record.version !== FORMAT_VERSION) throw new CorruptDataError(`${path}: not a snapshot of a supported format`);
      header = record;
      return;
    }
    if (ended) throw new CorruptDataError(`${path}: data after the end record`);
    if (record.t === 'collection') {
      const collection = catalog.create(record.db, record.coll, record.options, record.uuid);
      for (const spec of record.indexes as Document[]) collection.addIndex(spec);
    } else if (record.t === 'docs') {
      const collection = catalog.get(record.db, record.coll);
      if (!collection) throw new CorruptDataError(`${path}: documents for an unknown collection`);
      for (const doc of record.docs as Document[]) collection.insert(doc);
      documents += (record.docs as Document[]).length;
    } else if (record.t === 'end') {
      if (record.documents !== documents) throw new CorruptDataError(`${path}: document count mismatch`);
      ended = true;
    } else throw new CorruptDataError(`${path}: unknown record type`);
  });
  if (!header || !ended || scan.tornBytes > 0) throw new CorruptDataError(`${path}: snapshot is incomplete`);
  return bytes.length;
}

/** Makes a rename durable by syncing the directory entry. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
