import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { BSON, type Db, type Document } from 'mongodb';
import type { BackedUpCollection } from './backup-manifest.js';

interface CollectionMetadata {
  readonly collectionName: string;
  readonly type: 'collection';
  readonly options: Document;
  readonly indexes: Document[];
}

const insertBatch = 1000;

/** Writes every collection of the database as mongodump does (`<database>/<collection>.bson` and `.metadata.json`), one after another. */
export async function dumpDatabase(db: Db, directory: string): Promise<{ collections: BackedUpCollection[]; paths: string[] }> {
  const folder = join(directory, db.databaseName);
  await mkdir(folder, { recursive: true });
  const collections: BackedUpCollection[] = [];
  const paths: string[] = [];
  const listed = (await db.listCollections({}, { nameOnly: false }).toArray()).filter((info) => info.type !== 'view' && !info.name.startsWith('system.'));
  for (const info of listed.sort((a, b) => a.name.localeCompare(b.name))) {
    const collection = db.collection(info.name);
    const metadata: CollectionMetadata = { collectionName: info.name, type: 'collection', options: (info as { options?: Document }).options ?? {}, indexes: await collection.indexes() };
    await writeFile(join(folder, `${info.name}.metadata.json`), BSON.EJSON.stringify(metadata, undefined, 2, { relaxed: false }));
    const out = createWriteStream(join(folder, `${info.name}.bson`));
    let documents = 0;
    for await (const document of collection.find({}, { sort: { _id: 1 } })) {
      if (!out.write(BSON.serialize(document))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      documents++;
    }
    out.end();
    await finished(out);
    collections.push({ name: info.name, documents });
    paths.push(`${db.databaseName}/${info.name}.metadata.json`, `${db.databaseName}/${info.name}.bson`);
  }
  return { collections, paths };
}

/** Loads a dump written by dumpDatabase into an empty database: its collections, documents and indexes. */
export async function loadDatabase(db: Db, directory: string, collections: readonly BackedUpCollection[]): Promise<void> {
  const folder = join(directory, db.databaseName);
  for (const { name } of collections) {
    const metadata = BSON.EJSON.parse(await readFile(join(folder, `${name}.metadata.json`), 'utf8')) as CollectionMetadata;
    const collection = await db.createCollection(name, metadata.options);
    let batch: Document[] = [];
    for await (const document of bsonDocuments(join(folder, `${name}.bson`))) {
      batch.push(document);
      if (batch.length === insertBatch) {
        await collection.insertMany(batch, { ordered: true });
        batch = [];
      }
    }
    if (batch.length > 0) await collection.insertMany(batch, { ordered: true });
    const indexes = metadata.indexes.filter((index) => index.name !== '_id_');
    if (indexes.length > 0) await collection.createIndexes(indexes.map(({ v: _v, ns: _ns, ...index }) => index as Parameters<typeof collection.createIndexes>[0][number]));
  }
}

/** The documents of a .bson file: each starts with its length (int32, little-endian). */
async function* bsonDocuments(path: string): AsyncIterable<Document> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const size = pending.readInt32LE(0);
      yield BSON.deserialize(pending.subarray(0, size), { promoteValues: false, promoteBuffers: false, bsonRegExp: true });
      pending = pending.subarray(size);
    }
  }
  if (pending.length > 0) throw new Error(`${path} ends with ${pending.length} bytes that are not a whole document`);
}
