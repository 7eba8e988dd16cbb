import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { ProcessRecord, silentAfterMs } from './process-record.schema.js';

/** The processes of the bank that reported themselves lately. */
@Injectable()
export class ProcessDirectory {
  constructor(@InjectModel(ProcessRecord.name) private readonly processes: Model<ProcessRecord>) {}

  alive(): Promise<ProcessRecord[]> {
    return this.processes
      .find({ seen_at: trusted({ $gte: new Date(Date.now() - silentAfterMs) }) })
      .sort({ role: 1, started_at: 1 })
      .lean()
      .exec();
  }
}
