import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { SubscriptionHost, processInstanceId } from '@openbank/projections';
import type { Model } from 'mongoose';
import { hostname } from 'node:os';
import { ProcessRecord } from './process-record.schema.js';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
const heartbeatMs = 5000;

/** Reports this process in the `processes` collection every few seconds, so `openbank status` lists every process of the bank. */
@Injectable()
export class ProcessHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessHeartbeat.name);
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectModel(ProcessRecord.name) private readonly processes: Model<ProcessRecord>,
    private readonly host: SubscriptionHost,
    @Inject(PROCESS_ROLE) private readonly role: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), heartbeatMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.processes.deleteOne({ _id: processInstanceId }).exec().catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const consumers = this.host.consuming ? Object.fromEntries(this.host.groupNames().map((group) => [group, this.host.consumerState(group) ?? 'stopped'])) : {};
    const record: ProcessRecord = { _id: processInstanceId, role: this.role, host: hostname(), pid: process.pid, started_at: this.startedAt, seen_at: new Date(), consumers };
    try {
      await this.processes.replaceOne({ _id: processInstanceId }, record, { upsert: true }).exec();
    } catch (error) {
      this.logger.warn({ msg: 'heartbeat not recorded', error: String(error) });
    }
  }
}
