import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { SubscriptionHost } from '@openbank/projections';
import type { Model } from 'mongoose';
import { hostname } from 'node:os';
import { ProcessRecord } from './process-record.schema.js';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
const heartbeatMs = 5000;

/** Reports this process in the `processes` collection every few seconds, so `openbank status` lists every process of the bank. */
@Injectable()
export class ProcessHeartbeat implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProcessHeartbeat.name);
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;
  /** Writes one after the other, so an older report never lands after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectModel(ProcessRecord.name) private readonly processes: Model<ProcessRecord>,
    private readonly host: SubscriptionHost,
    @Inject(PROCESS_ROLE) private readonly role: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A consumer connecting, going on standby or reconnecting shows at once, not at the next beat.
    this.host.onConsumerStateChange(() => void this.beat());
    await this.beat();
    this.timer = setInterval(() => void this.beat(), heartbeatMs);
    this.timer.unref();
  }

  /** Before the store connections close: a process that stops takes itself off the list. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    this.writing = this.writing.then(() => this.processes.deleteOne({ _id: this.host.instanceId }).exec().then(() => undefined, () => undefined));
    await this.writing;
  }

  private beat(): Promise<void> {
    if (this.stopped) return this.writing;
    this.writing = this.writing.then(() => this.report());
    return this.writing;
  }

  private async report(): Promise<void> {
    const consumers = this.host.consuming ? Object.fromEntries(this.host.groupNames().map((group) => [group, this.host.consumerState(group) ?? 'stopped'])) : {};
    const record: ProcessRecord = { _id: this.host.instanceId, role: this.role, host: hostname(), pid: process.pid, started_at: this.startedAt, seen_at: new Date(), consumers };
    try {
      await this.processes.replaceOne({ _id: this.host.instanceId }, record, { upsert: true }).exec();
    } catch (error) {
      this.logger.warn({ msg: 'heartbeat not recorded', error: String(error) });
    }
  }
}
