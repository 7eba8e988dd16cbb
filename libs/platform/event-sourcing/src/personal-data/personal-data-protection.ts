import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { isSealedValue, openValue, sealValue } from './personal-data-cipher.js';
import { InMemoryPersonalDataKeys } from './in-memory-personal-data-keys.js';
import { PERSONAL_DATA_KEYS, type PersonalDataKeys } from './personal-data-keys.port.js';

/** Which data of an aggregate is personal: its id is the data subject's id. */
export interface PersonalDataDeclaration {
  readonly aggregateType: string;
  /** Per event type written now, the fields of its data that are personal (sealed one by one). */
  readonly events: Readonly<Record<string, readonly string[]>>;
}

/** What a sealed event's data says about itself: whose key opens it, and which fields are sealed. */
export interface SealedMarker {
  readonly subject: string;
  readonly fields: readonly string[];
}

/** The field of a stored event's data that marks it sealed. Events without it are plain (written before sealing, or not personal). */
export const sealedMarkerField = '_personalData';

/**
 * How long a process trusts a key it read: another process may forget the subject meanwhile.
 * Within this time after forgetting, a process that had just read the key may still open the
 * subject's data once; the forgetting process itself drops the key at once.
 */
const keyTrustMs = 1000;

/**
 * How long a key read once stays usable while the key store cannot be reached (an outage of
 * MongoDB): commands on a subject this process worked with lately go on through the outage. A
 * subject forgotten meanwhile cannot be: forgetting needs the key store too.
 */
const keyKeptThroughOutageMs = 5 * 60_000;

/**
 * Seals the personal fields of events (and the snapshots of aggregates that hold personal data)
 * with the data subject's key, and opens them again on read. When the subject is forgotten the
 * sealed fields read as null and the data says `forgotten: true`: every stream still replays.
 */
@Injectable()
export class PersonalDataProtection {
  private readonly declarations = new Map<string, PersonalDataDeclaration>();
  private readonly keys: PersonalDataKeys;
  private readonly trusted = new LRUCache<string, Buffer>({ max: 10_000, ttl: keyTrustMs });
  private readonly lastKnown = new LRUCache<string, Buffer>({ max: 10_000, ttl: keyKeptThroughOutageMs });
  private readonly forgotten = new LRUCache<string, true>({ max: 100_000 });

  constructor(@Optional() @Inject(PERSONAL_DATA_KEYS) keys?: PersonalDataKeys) {
    this.keys = keys ?? new InMemoryPersonalDataKeys();
  }

  declare(declarations: readonly PersonalDataDeclaration[]): void {
    for (const declaration of declarations) this.declarations.set(declaration.aggregateType, declaration);
  }

  /** Whether the states of this aggregate type hold personal data (they must then not outlive a forgetting in a cache). */
  protects(aggregateType: string): boolean {
    return this.declarations.has(aggregateType);
  }

  /**
   * The event's data as it is stored: its personal fields sealed under the subject's key. For a
   * subject already forgotten they are stored as null: personal data is never stored in clear.
   */
  async sealEvent(aggregateType: string, subject: string, stream: string, eventType: string, data: unknown): Promise<unknown> {
    const fields = this.declarations.get(aggregateType)?.events[eventType];
    if (!fields || typeof data !== 'object' || data === null) return data;
    const present = fields.filter((field) => (data as Record<string, unknown>)[field] !== undefined);
    const key = await this.keyFor(subject);
    const sealed: Record<string, unknown> = { ...data };
    for (const field of present) sealed[field] = key ? sealValue(key, sealed[field], `${stream}/${field}`) : null;
    sealed[sealedMarkerField] = { subject, fields: present } satisfies SealedMarker;
    return sealed;
  }

  /** The data as it was before sealing; for a forgotten subject, the sealed fields null and `forgotten: true`. Plain data as it is. */
  async openEvent(stream: string, data: unknown): Promise<unknown> {
    const marker = markerOf(data);
    if (!marker) return data;
    const { [sealedMarkerField]: _marker, ...rest } = data as Record<string, unknown>;
    const key = await this.existingKeyOf(marker.subject);
    if (!key) return { ...rest, ...Object.fromEntries(marker.fields.map((field) => [field, null])), forgotten: true };
    for (const field of marker.fields) {
      const value = rest[field];
      if (isSealedValue(value)) rest[field] = openValue(key, value, `${stream}/${field}`);
    }
    return rest;
  }

  /** Whether stored data carries sealed fields (it can then be read only through `openEvent`). */
  isSealed(data: unknown): boolean {
    return markerOf(data) !== undefined;
  }

  /** A snapshot's state sealed whole; undefined for a forgotten subject (no snapshot is written then). */
  async sealSnapshot(subject: string, stream: string, state: unknown): Promise<string | undefined> {
    const key = await this.keyFor(subject);
    return key ? sealValue(key, state, `${stream}/state`) : undefined;
  }

  /** The state a sealed snapshot holds; undefined once the subject is forgotten (the aggregate is then replayed from its events). */
  async openSnapshot(subject: string, stream: string, sealed: string): Promise<unknown> {
    const key = await this.existingKeyOf(subject);
    return key ? openValue(key, sealed, `${stream}/state`) : undefined;
  }

  /** Deletes the subject's key: from then on their sealed data reads as forgotten, in this process at once. */
  async forget(subject: string): Promise<void> {
    this.forgotten.set(subject, true);
    this.trusted.delete(subject);
    this.lastKnown.delete(subject);
    await this.keys.forget(subject);
  }

  async isForgotten(subject: string): Promise<boolean> {
    if (this.forgotten.has(subject)) return true;
    const forgotten = await this.keys.isForgotten(subject);
    if (forgotten) this.remember(subject, undefined);
    return forgotten;
  }

  private keyFor(subject: string): Promise<Buffer | undefined> {
    return this.read(subject, () => this.keys.keyFor(subject));
  }

  private existingKeyOf(subject: string): Promise<Buffer | undefined> {
    return this.read(subject, () => this.keys.existingKeyOf(subject));
  }

  /** The key as the store has it, or, when the store cannot answer, the one this process read lately. */
  private async read(subject: string, fromStore: () => Promise<Buffer | undefined>): Promise<Buffer | undefined> {
    if (this.forgotten.has(subject)) return undefined;
    const trusted = this.trusted.get(subject);
    if (trusted) return trusted;
    let key: Buffer | undefined;
    try {
      key = await fromStore();
    } catch (error) {
      const kept = this.lastKnown.get(subject);
      if (kept) return kept;
      throw error;
    }
    return this.remember(subject, key);
  }

  private remember(subject: string, key: Buffer | undefined): Buffer | undefined {
    // A subject without a key is forgotten for good: that is kept; a key is trusted only briefly.
    if (key) {
      this.trusted.set(subject, key);
      this.lastKnown.set(subject, key);
    } else this.forgotten.set(subject, true);
    return key;
  }
}

function markerOf(data: unknown): SealedMarker | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const marker = (data as Record<string, unknown>)[sealedMarkerField] as SealedMarker | undefined;
  return marker && typeof marker.subject === 'string' && Array.isArray(marker.fields) ? marker : undefined;
}
