import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ArchivingRegistry, type ArchivableStreams, type DueStream } from '@openbank/archiving';
import { EventSerializer, EventSourcingRepository, aggregateStreamName, type StoredEvent } from '@openbank/event-sourcing';
import mongoose, { type Model } from 'mongoose';
import { BankAccount, type BankAccountState } from '../domain/bank-account.js';
import { BankAccountDetails } from '../read-models/bank-account-details/bank-account-details.schema.js';

const prefix = `${BankAccount.category}-`;

/**
 * Which account streams go to cold storage: those of accounts closed before the cut-off
 * (ARCHIVE_AFTER_DAYS ago), found in the accounts read model and confirmed on the write model.
 * Before one is truncated, the account is snapshotted as it was right before the first event that
 * stays (its last), so loading it and rebuilding its document never need the archived events.
 */
@Injectable()
export class ClosedAccountsArchivable implements ArchivableStreams, OnModuleInit {
  readonly category = BankAccount.category;

  constructor(
    @InjectModel(BankAccountDetails.name) private readonly accounts: Model<BankAccountDetails>,
    private readonly repository: EventSourcingRepository,
    private readonly serializer: EventSerializer,
    private readonly registry: ArchivingRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async *candidates(before: Date): AsyncIterable<DueStream> {
    const closed = this.accounts
      .find({ status: 'CLOSED', closed_at: mongoose.trusted({ $lt: before }) }, { _id: 1, closed_at: 1 })
      .sort({ closed_at: 1, _id: 1 })
      .lean()
      .cursor();
    for await (const account of closed) yield { stream: aggregateStreamName(this.category, account._id), reason: `closed on ${account.closed_at!.toISOString()}` };
  }

  async dueBefore(stream: string, before: Date): Promise<DueStream | undefined> {
    const { state } = await this.repository.load(BankAccount, this.idOf(stream), { useCache: false });
    if (state.status !== 'CLOSED' || Date.parse(state.closedAt) >= before.getTime()) return undefined;
    return { stream, reason: `closed on ${state.closedAt}` };
  }

  async beforeTruncation(stream: string, revision: bigint): Promise<void> {
    await this.repository.snapshotAt(BankAccount, this.idOf(stream), revision - 1n);
  }

  async checkState(stream: string, history: readonly StoredEvent[]): Promise<string | undefined> {
    const id = this.idOf(stream);
    let replayed: BankAccountState = BankAccount.initialState(id);
    let revision = -1n;
    for (const stored of history) {
      const recorded = this.serializer.deserialize(stored);
      if (!recorded) continue;
      replayed = BankAccount.evolve(replayed, recorded.event as Parameters<typeof BankAccount.evolve>[1]);
      revision = recorded.revision;
    }
    const loaded = await this.repository.load(BankAccount, id, { useCache: false });
    const [fromStore, fromHistory] = [loaded.state, replayed].map((state) => JSON.stringify(BankAccount.snapshot.encode(state)));
    if (loaded.revision === revision && fromStore === fromHistory) return undefined;
    return `the account loaded from the store (revision ${loaded.revision}: ${fromStore}) is not the account its whole history gives (revision ${revision}: ${fromHistory}): the snapshot at the truncation point is missing or of another schema version`;
  }

  private idOf(stream: string): string {
    return stream.slice(prefix.length);
  }
}
