import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { StreamActivity, StreamActivitySchema } from './stream-activity.schema.js';
import { StreamActivityProjection } from './stream-activity.projection.js';

/** When each stream was last written to: behind the store statistics and the idle-stream report. */
@Module({
  imports: [MongooseModule.forFeature([{ name: StreamActivity.name, schema: StreamActivitySchema }])],
  providers: [StreamActivityProjection],
})
export class StreamActivityModule {}
