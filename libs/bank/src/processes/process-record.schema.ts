import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** How long a process may stay silent before it counts as gone (three missed heartbeats). */
export const silentAfterMs = 15_000;

/** One running process of the bank, as it last reported itself. */
@Schema({ collection: 'processes', versionKey: false, minimize: false })
export class ProcessRecord {
  /** `<host>:<pid>:<random>`: also what it claims rebuild jobs with. */
  @Prop({ type: String })
  _id!: string;

  @Prop({ type: String, required: true })
  role!: string;

  @Prop({ type: String, required: true })
  host!: string;

  @Prop({ type: Number, required: true })
  pid!: number;

  @Prop({ type: Date, required: true })
  started_at!: Date;

  /** A process that stops reporting is removed a minute later. */
  @Prop({ type: Date, required: true, expires: 60 })
  seen_at!: Date;

  /** The consumer groups this process consumes, with what its consumer is doing. */
  @Prop({ type: Object, required: true })
  consumers!: Record<string, string>;
}

export const ProcessRecordSchema = SchemaFactory.createForClass(ProcessRecord);
