import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AggregateDocument } from '@openbank/projections';
import type { Gender } from '../../domain/person.events.js';

@Schema({ _id: false, versionKey: false })
export class PersonAddressDocument {
  @Prop({ type: String, required: true }) street!: string;
  @Prop({ type: String, required: true }) number!: string;
  @Prop({ type: String, required: true }) zip_code!: string;
  @Prop({ type: String, required: true }) city!: string;
  @Prop({ type: String }) state?: string;
  @Prop({ type: String, required: true }) country!: string;
}

export const personsCollection = 'persons';

/** One document per person, for lookups by id and listing by name. */
@Schema({ collection: personsCollection, versionKey: false })
export class PersonDetails implements AggregateDocument {
  @Prop({ type: String }) _id!: string;
  /** The personal fields are null once the person is forgotten. */
  @Prop({ type: String }) first_name!: string | null;
  @Prop({ type: String }) last_name!: string | null;
  /** Lower-cased name words, so a name filter is a prefix match on an index. */
  @Prop({ type: [String], required: true, index: true }) name_words!: string[];
  @Prop({ type: String }) date_of_birth!: string | null;
  @Prop({ type: String }) nationality!: string | null;
  @Prop({ type: String }) gender!: Gender | null;
  @Prop({ type: PersonAddressDocument }) address?: PersonAddressDocument;
  @Prop({ type: Boolean }) forgotten?: boolean;
  @Prop({ type: Date }) forgotten_at?: Date;
  @Prop({ type: Date, required: true }) registered_at!: Date;
  @Prop({ type: Date, required: true }) last_modified!: Date;
  @Prop({ type: Number, required: true }) last_revision!: number;
  @Prop({ type: Boolean }) stale?: boolean;
}

export const PersonDetailsSchema = SchemaFactory.createForClass(PersonDetails);
PersonDetailsSchema.index({ last_name: 1, first_name: 1, _id: 1 });

export function nameWords(firstName: string | null, lastName: string | null): string[] {
  return [...new Set(`${firstName ?? ''} ${lastName ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean))];
}
