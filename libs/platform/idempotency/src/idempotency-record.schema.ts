import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One Idempotency-Key of one caller: the request it was first used for and, once done, the answer. */
@Schema({ collection: 'idempotency_keys', versionKey: false })
export class IdempotencyRecord {
  /** A hash of the caller and the key. */
  @Prop({ type: String }) _id!: string;
  /** A hash of method, path and body: the same key with another request is refused. */
  @Prop({ type: String, required: true }) fingerprint!: string;
  @Prop({ type: String, required: true }) state!: 'in-progress' | 'done';
  /** When the first attempt started: a later attempt looks for its events from here. */
  @Prop({ type: Date, required: true }) started_at!: Date;
  /** While in progress, the attempt owns the key until then; afterwards another may take over. */
  @Prop({ type: Date, required: true }) lease_until!: Date;
  @Prop({ type: Number }) status?: number;
  @Prop({ type: Object }) body?: unknown;
  @Prop({ type: Object }) headers?: Record<string, string>;
  /** Kept at least until then (a TTL index removes it afterwards). */
  @Prop({ type: Date, required: true, expires: 0 }) expires_at!: Date;
}

export const IdempotencyRecordSchema = SchemaFactory.createForClass(IdempotencyRecord);
