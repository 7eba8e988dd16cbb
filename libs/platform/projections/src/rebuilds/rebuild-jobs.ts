import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Position } from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { trusted, type Model } from 'mongoose';
import { RebuildJob } from './rebuild-job.schema.js';

/** A claimed job, as its runner needs it. */
export interface ClaimedRebuild {
  readonly projection: string;
  readonly generation: string;
  readonly from?: Position;
  readonly events: number;
}

/** The rebuild jobs in MongoDB: requested by API processes, claimed and advanced by projectors. */
@Injectable()
export class RebuildJobs {
  constructor(@InjectModel(RebuildJob.name) private readonly jobs: Model<RebuildJob>) {}

  /** Asks for a rebuild from the start of $all; replaces any earlier request for the projection. */
  async request(projection: string): Promise<void> {
    const job: RebuildJob = { _id: projection, generation: randomUUID(), state: 'waiting', requested_at: new Date(), events: 0 };
    await this.jobs.replaceOne({ _id: projection }, job, { upsert: true }).exec();
  }

  find(projection: string): Promise<RebuildJob | null> {
    return this.jobs.findById(projection).lean().exec();
  }

  /** Takes one unfinished job of these projections that nobody holds (or whose holder's lease ran out). */
  async claim(projections: readonly string[], claimant: string, leaseMs: number): Promise<ClaimedRebuild | undefined> {
    const now = new Date();
    const job = await this.jobs
      .findOneAndUpdate(
        { _id: trusted({ $in: [...projections] }), state: trusted({ $in: ['waiting', 'running'] }), $or: [{ lease_until: null }, { lease_until: trusted({ $lt: now }) }] },
        { $set: { state: 'running', claimed_by: claimant, lease_until: new Date(now.getTime() + leaseMs) }, $min: { started_at: now } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!job) return undefined;
    const from = job.position_commit ? { commit: BigInt(job.position_commit), prepare: BigInt(job.position_prepare ?? job.position_commit) } : undefined;
    return { projection: job._id, generation: job.generation, from, events: job.events };
  }

  /** Records progress and renews the lease; false when the job is no longer this claim's (asked for again). */
  async advance(job: ClaimedRebuild, position: Position, events: number, leaseMs: number): Promise<boolean> {
    const updated = await this.jobs
      .updateOne(
        { _id: job.projection, generation: job.generation },
        { $set: { position_commit: position.commit.toString(), position_prepare: position.prepare.toString(), events, lease_until: new Date(Date.now() + leaseMs) } },
      )
      .exec();
    return updated.matchedCount === 1;
  }

  async finish(job: ClaimedRebuild): Promise<void> {
    await this.jobs.updateOne({ _id: job.projection, generation: job.generation }, { $set: { state: 'done', finished_at: new Date(), lease_until: null } }).exec();
  }

  /** Gives a job back (this projector stops): another one resumes it at once. */
  async release(job: ClaimedRebuild): Promise<void> {
    await this.jobs.updateOne({ _id: job.projection, generation: job.generation, state: 'running' }, { $set: { lease_until: null } }).exec();
  }
}
