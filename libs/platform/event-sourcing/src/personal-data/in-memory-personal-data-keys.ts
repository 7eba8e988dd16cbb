import { randomBytes } from 'node:crypto';
import { personalDataKeyBytes } from './personal-data-cipher.js';
import type { PersonalDataKeys } from './personal-data-keys.port.js';

/** The keys in this process's memory: for specs, and for a write side started without a read store. */
export class InMemoryPersonalDataKeys implements PersonalDataKeys {
  /** null: the subject is forgotten. */
  private readonly keys = new Map<string, Buffer | null>();

  async keyFor(subject: string): Promise<Buffer | undefined> {
    if (!this.keys.has(subject)) this.keys.set(subject, randomBytes(personalDataKeyBytes));
    return this.keys.get(subject) ?? undefined;
  }

  async existingKeyOf(subject: string): Promise<Buffer | undefined> {
    return this.keys.get(subject) ?? undefined;
  }

  async forget(subject: string): Promise<void> {
    this.keys.set(subject, null);
  }

  async isForgotten(subject: string): Promise<boolean> {
    return this.keys.get(subject) === null;
  }
}
