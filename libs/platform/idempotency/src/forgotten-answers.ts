import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { PersonalDataErasers } from '@openbank/event-sourcing';
import type { Model } from 'mongoose';
import { IdempotencyRecord } from './idempotency-record.schema.js';

/** What a replay answers in place of an answer that held a forgotten person's data. */
export const forgottenAnswer = { forgotten: true, detail: 'The answer kept for this key held personal data of a person who has since been forgotten.' };

/**
 * Answers kept for replays are copies of a person's data in clear (a registration's answer holds
 * their names): when the person is forgotten, every answer about them (the person, or an account
 * they own) is replaced, so a replay can never bring the data back.
 */
@Injectable()
export class ForgottenAnswers implements OnModuleInit {
  constructor(
    @InjectModel(IdempotencyRecord.name) private readonly records: Model<IdempotencyRecord>,
    private readonly erasers: PersonalDataErasers,
  ) {}

  onModuleInit(): void {
    this.erasers.register('idempotency answers', (subject) => this.erase(subject));
  }

  async erase(subject: string): Promise<void> {
    await this.records.collection.updateMany({ $or: [{ 'body.id': subject }, { 'body.owner_id': subject }] }, { $set: { body: forgottenAnswer } });
  }
}
