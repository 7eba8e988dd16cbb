import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { RoundTrips } from '@openbank/http-api';
import type { Collection, Db } from 'mongodb';
import type { Model } from 'mongoose';
import { IdempotencyRecord } from './idempotency-record.schema.js';
import { IDEMPOTENCY_OPTIONS, type IdempotencyOptions } from './idempotency.options.js';

const duplicateKey = 11000;

/** The time this attempt holds its key: from its claim until `until`; after that another attempt may take the operation over. */
export interface KeyLease {
  readonly since: Date;
  readonly until: Date;
}

/** What a request with a key may do. */
export type Claim =
  | { readonly kind: 'execute'; readonly earlierAttemptSince?: Date; readonly lease: KeyLease }
  | { readonly kind: 'replay'; readonly record: IdempotencyRecord }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress'; readonly retryAfterMs: number };

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/**
 * The keys and their answers, in MongoDB. The mongoose model declares the collection and its TTL
 * index; the requests go through the driver itself: one insert claims a new key, one update
 * stores its answer, and the inserts (and updates) of requests under way at once travel together.
 */
@Injectable()
export class IdempotencyStore implements OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyStore.name);
  /** Completions this instance has sent and MongoDB has not confirmed yet, by key. */
  private readonly completing = new Map<string, Promise<void>>();
  private collectionOf?: { db: Db; collection: Collection<IdempotencyRecord> };
  private readonly inserts = new RoundTrips<IdempotencyRecord, boolean>((_, records) => this.insertAll(records));
  private readonly completions = new RoundTrips<{ id: string; answer: StoredAnswer }, void>((_, completions) => this.completeAll(completions));

  constructor(
    @InjectModel(IdempotencyRecord.name) private readonly records: Model<IdempotencyRecord>,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
  ) {}

  private get collection(): Collection<IdempotencyRecord> {
    const db = this.records.db.db;
    if (!db) throw Object.assign(new Error('the read store connection is not open'), { name: 'MongoNotConnectedError' });
    if (this.collectionOf?.db !== db) this.collectionOf = { db, collection: db.collection<IdempotencyRecord>(this.records.collection.collectionName) };
    return this.collectionOf.collection;
  }

  /**
   * Claims the key for this request, or tells why not. A new key costs one insert, which travels
   * with the inserts of the other requests claiming keys meanwhile (see RoundTrips); a key that
   * exists already (a retry, a replay) is read.
   */
  async claim(id: string, fingerprint: string): Promise<Claim> {
    // A retry sent as soon as this instance answered may overtake the completion it is writing.
    const completing = this.completing.get(id);
    if (completing) await completing;
    const now = new Date();
    const fresh: IdempotencyRecord = {
      _id: id,
      fingerprint,
      state: 'in-progress',
      started_at: now,
      lease_until: new Date(now.getTime() + this.options.leaseMs),
      expires_at: new Date(now.getTime() + this.options.retentionMs),
    };
    if (await this.inserts.add('', fresh)) return { kind: 'execute', lease: { since: now, until: fresh.lease_until } };
    const existing = await this.collection.findOne({ _id: id });
    // Gone meanwhile (past its retention, swept): the key is free again.
    return existing ? this.decide(id, fingerprint, existing, now) : this.claim(id, fingerprint);
  }

  /** Inserts the records, in one round trip: true for each created, false for each that existed. */
  private async insertAll(records: readonly IdempotencyRecord[]): Promise<boolean[]> {
    try {
      await this.collection.insertMany(records as IdempotencyRecord[], { ordered: false });
      return records.map(() => true);
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { code?: number; index: number } | { code?: number; index: number }[] }).writeErrors;
      const failed = writeErrors === undefined ? [] : Array.isArray(writeErrors) ? writeErrors : [writeErrors];
      if (failed.length === 0 || failed.some((writeError) => writeError.code !== duplicateKey)) throw error;
      const existed = new Set(failed.map((writeError) => writeError.index));
      return records.map((_, index) => !existed.has(index));
    }
  }

  /** The key was claimed before: by this request's first attempt, or by another request. */
  private async decide(id: string, fingerprint: string, existing: IdempotencyRecord, now: Date): Promise<Claim> {
    if (existing.expires_at <= now) {
      // Past its retention (the TTL sweep may lag): the key is free again.
      await this.collection.deleteOne({ _id: id, expires_at: { $lte: now } });
      return this.claim(id, fingerprint);
    }
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.state === 'done') return { kind: 'replay', record: existing };
    if (existing.lease_until > now) return { kind: 'in-progress', retryAfterMs: existing.lease_until.getTime() - now.getTime() };
    // The first attempt went silent past its lease (it died): take the key over, if no one else did.
    const until = new Date(now.getTime() + this.options.leaseMs);
    const taken = await this.collection.findOneAndUpdate(
      { _id: id, state: 'in-progress', lease_until: existing.lease_until },
      { $set: { lease_until: until } },
      { returnDocument: 'after', projection: { _id: 1 } },
    );
    return taken ? { kind: 'execute', earlierAttemptSince: existing.started_at, lease: { since: now, until } } : this.claim(id, fingerprint);
  }

  /** Stores the answer, and is done once MongoDB has it (with the answers of other requests, in one round trip). */
  complete(id: string, answer: StoredAnswer): Promise<void> {
    return this.completions.add('', { id, answer });
  }

  private async completeAll(completions: readonly { id: string; answer: StoredAnswer }[]): Promise<void[]> {
    await this.collection.bulkWrite(
      completions.map(({ id, answer }) => ({
        updateOne: { filter: { _id: id }, update: { $set: { state: 'done' as const, status: answer.status, body: answer.body, headers: answer.headers } } },
      })),
      // As the answer's JSON has them: a field left undefined is absent, not null.
      { ordered: false, ignoreUndefined: true },
    );
    return completions.map(() => undefined);
  }

  /**
   * Stores the answer of an attempt whose events are recorded, without holding its reply. Until it
   * lands, a retry on this instance waits for it, and one on another instance finds the key in
   * progress (409). Should it never land (a crash, an outage), the key stays in progress until its
   * lease ends; a retry then takes over, and its command answers from the events this attempt
   * recorded (see earlierAttemptSince) instead of deciding again.
   */
  completeInBackground(id: string, answer: StoredAnswer): void {
    const completion = this.complete(id, answer)
      .catch((cause: unknown) => this.logger.warn({ msg: 'answer not stored for its Idempotency-Key; a retry after the lease recovers it from the events', cause: String(cause) }))
      .finally(() => {
        if (this.completing.get(id) === completion) this.completing.delete(id);
      });
    this.completing.set(id, completion);
  }

  /**
   * Gives the key back after a failure a retry may overcome (503, 409 conflict): its lease ends
   * now, so the next request with the key runs at once. It runs as a takeover, knowing when this
   * attempt started: the attempt may have recorded events before it failed (an append whose
   * answer was lost, a transfer initiated before the wait for its settlement broke off), and the
   * retry must answer with those rather than decide a second time.
   */
  async release(id: string): Promise<void> {
    await this.collection.updateOne({ _id: id, state: 'in-progress' }, { $set: { lease_until: new Date(0) } });
  }

  /** The answers still on their way are written before the connection closes. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.completing.values());
  }
}
