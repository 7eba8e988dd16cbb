import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type RebuildState = 'waiting' | 'running' | 'done';

/**
 * A projection being rebuilt: asked for by an operator (through any API process), run by whichever
 * projector claims it. The claim is a lease renewed with each batch, so when that projector dies,
 * another one takes the job over from the position it had reached.
 */
@Schema({ collection: 'projection_rebuilds', versionKey: false })
export class RebuildJob {
  /** The projection's name: one rebuild per projection at a time. */
  @Prop({ type: String })
  _id!: string;

  /** Changes with each request, so a projector still running an older one stops writing its progress. */
  @Prop({ type: String, required: true })
  generation!: string;

  @Prop({ type: String, required: true })
  state!: RebuildState;

  @Prop({ type: Date, required: true })
  requested_at!: Date;

  @Prop({ type: Date })
  started_at?: Date;

  @Prop({ type: Date })
  finished_at?: Date;

  /** The position in $all of the last event applied (commit position, as text). */
  @Prop({ type: String })
  position_commit?: string;

  @Prop({ type: String })
  position_prepare?: string;

  @Prop({ type: Number, required: true })
  events!: number;

  @Prop({ type: String })
  claimed_by?: string;

  @Prop({ type: Date })
  lease_until?: Date;
}

export const RebuildJobSchema = SchemaFactory.createForClass(RebuildJob);
