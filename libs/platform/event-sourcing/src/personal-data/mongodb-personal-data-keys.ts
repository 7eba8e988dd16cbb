import { randomBytes } from 'node:crypto';
import { Binary, type Collection, type Db } from 'mongodb';
import { personalDataKeyBytes } from './personal-data-cipher.js';
import type { PersonalDataKeys } from './personal-data-keys.port.js';

export const personalDataKeysCollection = 'personal_data_keys';

/** A subject's key; once forgotten, the key is gone and only the date of forgetting stays. */
interface KeyDocument {
  _id: string;
  key?: Binary;
  created_at: Date;
  forgotten_at?: Date;
}

const duplicateKey = 11000;

/**
 * The keys in MongoDB, one document per subject. A key is created by inserting it if absent and
 * reading back what is there: two processes creating one subject's key at once both end up with
 * the one inserted first. Forgetting removes the key from the document and keeps the document as
 * the record that the subject is forgotten, so no key is ever created for them again.
 */
export class MongoDBPersonalDataKeys implements PersonalDataKeys {
  constructor(private readonly db: () => Db) {}

  private get collection(): Collection<KeyDocument> {
    return this.db().collection<KeyDocument>(personalDataKeysCollection);
  }

  async keyFor(subject: string): Promise<Buffer | undefined> {
    const existing = await this.collection.findOne({ _id: subject });
    if (existing) return keyOf(existing);
    try {
      await this.collection.insertOne({ _id: subject, key: new Binary(randomBytes(personalDataKeyBytes)), created_at: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
    const stored = await this.collection.findOne({ _id: subject });
    return stored ? keyOf(stored) : undefined;
  }

  async existingKeyOf(subject: string): Promise<Buffer | undefined> {
    const stored = await this.collection.findOne({ _id: subject });
    return stored ? keyOf(stored) : undefined;
  }

  async forget(subject: string): Promise<void> {
    if (await this.isForgotten(subject)) return;
    const now = new Date();
    await this.collection.updateOne({ _id: subject }, { $unset: { key: '' }, $set: { forgotten_at: now }, $setOnInsert: { created_at: now } }, { upsert: true });
  }

  async isForgotten(subject: string): Promise<boolean> {
    const stored = await this.collection.findOne({ _id: subject }, { projection: { forgotten_at: 1 } });
    return stored?.forgotten_at !== undefined;
  }
}

function keyOf(document: KeyDocument): Buffer | undefined {
  if (document.forgotten_at || !document.key) return undefined;
  return Buffer.from(document.key.buffer);
}
