import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { IdempotencyRecord } from './idempotency-record.schema.js';
import { IDEMPOTENCY_OPTIONS, type IdempotencyOptions } from './idempotency.options.js';

const duplicateKey = 11000;

/** What a request with a key may do. */
export type Claim =
  | { readonly kind: 'execute'; readonly earlierAttemptSince?: Date }
  | { readonly kind: 'replay'; readonly record: IdempotencyRecord }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress'; readonly retryAfterMs: number };

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

@Injectable()
export class IdempotencyStore {
  constructor(
    @InjectModel(IdempotencyRecord.name) private readonly records: Model<IdempotencyRecord>,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
  ) {}

  /** Claims the key for this request, or tells why not. Each step is one atomic write or read. */
  async claim(id: string, fingerprint: string): Promise<Claim> {
    const now = new Date();
    const fresh: IdempotencyRecord = {
      _id: id,
      fingerprint,
      state: 'in-progress',
      started_at: now,
      lease_until: new Date(now.getTime() + this.options.leaseMs),
      expires_at: new Date(now.getTime() + this.options.retentionMs),
    };
    try {
      await this.records.create(fresh);
      return { kind: 'execute' };
    } catch (error) {
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
    const existing = await this.records.findById(id).lean().exec();
    if (!existing || existing.expires_at <= now) {
      // Past its retention (the TTL sweep may lag): the key is free again.
      await this.records.deleteOne({ _id: id, expires_at: trusted({ $lte: now }) }).exec();
      return this.claim(id, fingerprint);
    }
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.state === 'done') return { kind: 'replay', record: existing };
    if (existing.lease_until > now) return { kind: 'in-progress', retryAfterMs: existing.lease_until.getTime() - now.getTime() };
    // The first attempt went silent past its lease (it died): take the key over, if no one else did.
    const taken = await this.records
      .findOneAndUpdate(
        { _id: id, state: 'in-progress', lease_until: existing.lease_until },
        { $set: { lease_until: new Date(now.getTime() + this.options.leaseMs) } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    return taken ? { kind: 'execute', earlierAttemptSince: existing.started_at } : this.claim(id, fingerprint);
  }

  async complete(id: string, answer: StoredAnswer): Promise<void> {
    await this.records.updateOne({ _id: id }, { $set: { state: 'done', status: answer.status, body: answer.body, headers: answer.headers } }).exec();
  }

  /**
   * Gives the key back after a failure a retry may overcome (503, 409 conflict): its lease ends
   * now, so the next request with the key runs at once. It runs as a takeover, knowing when this
   * attempt started: the attempt may have recorded events before it failed (an append whose
   * answer was lost, a transfer initiated before the wait for its settlement broke off), and the
   * retry must answer with those rather than decide a second time.
   */
  async release(id: string): Promise<void> {
    await this.records.updateOne({ _id: id, state: 'in-progress' }, { $set: { lease_until: new Date(0) } }).exec();
  }
}
