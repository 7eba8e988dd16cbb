/**
 * Aggregate load time: a BankAccount stream of 10, 100, 1,000 and 10,000 events loaded through
 * the EventSourcingRepository, with and without snapshots (one every 100 events). The embedded
 * KurrentDB runs in its own process.
 */
import { randomUUID } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import {
  AggregateCache,
  EventSerializer,
  EventSourcingRepository,
  EventTypeRegistry,
  KurrentDBEventStore,
  SnapshotStore,
  aggregateStreamName,
  type EventMetadata,
  type EventSourcingOptions,
} from '@openbank/event-sourcing';
import { systemClock } from '@openbank/shared-kernel';
import { BankAccount, type BankAccountState } from '../../libs/contexts/accounts/src/domain/bank-account.js';
import { BankAccountCreatedDomainEventV2, OverdraftLimitChangedDomainEventV1, type BankAccountEvent } from '../../libs/contexts/accounts/src/domain/bank-account.events.js';
import { startKurrentDBProcess } from '@openbank/testing';
import type { Row } from '../support/report.js';
import { summarize, timeEach } from '../support/statistics.js';

const sizes = [10, 100, 1_000, 10_000];
const snapshotEvery = 100;
const appendChunk = 1_000;

function eventsOf(id: string, count: number): BankAccountEvent[] {
  const events: BankAccountEvent[] = [
    new BankAccountCreatedDomainEventV2({ accountId: id, ownerId: randomUUID(), currency: 'EUR', overdraftLimit: { minor: 0, currency: 'EUR' }, accountType: 'CHECKING', openedAt: new Date().toISOString() }),
  ];
  for (let index = 1; index < count; index++) {
    events.push(new OverdraftLimitChangedDomainEventV1({ accountId: id, previousLimit: { minor: index - 1, currency: 'EUR' }, newLimit: { minor: index, currency: 'EUR' } }));
  }
  return events;
}

export async function aggregateLoad(): Promise<Row[]> {
  const store = await startKurrentDBProcess();
  const client = KurrentDBClient.connectionString`${store.address}`;
  try {
    const options: EventSourcingOptions = { connectionString: store.address, snapshotEvery, aggregateCacheSize: 0, conflictRetries: 0, operationDeadlineMs: 60_000 };
    const registry = new EventTypeRegistry();
    registry.registerEvents(BankAccount.events);
    const serializer = new EventSerializer(registry);
    const eventStore = new KurrentDBEventStore(client, options.operationDeadlineMs);
    const snapshots = new SnapshotStore(eventStore);
    const repository = new EventSourcingRepository(eventStore, serializer, snapshots, new AggregateCache(options), systemClock, options);

    /** Writes the stream in large appends, and (optionally) the snapshots the repository would have written. */
    const prepare = async (count: number, withSnapshots: boolean): Promise<string> => {
      const id = randomUUID();
      const events = eventsOf(id, count);
      const metadata: EventMetadata = { correlationId: id, causationId: id, aggregateType: 'BankAccount', aggregateId: id, occurredAt: new Date().toISOString(), principal: 'bench' };
      for (let start = 0; start < events.length; start += appendChunk) {
        const chunk = events.slice(start, start + appendChunk).map((event) => serializer.serialize(event, metadata, randomUUID()));
        await eventStore.append([{ stream: aggregateStreamName('account', id), expected: start === 0 ? 'no_stream' : BigInt(start - 1), events: chunk }]);
      }
      if (withSnapshots) {
        let state: BankAccountState = BankAccount.initialState(id);
        for (const [revision, event] of events.entries()) {
          state = BankAccount.evolve(state, event);
          if ((revision + 1) % snapshotEvery === 0) await snapshots.save(BankAccount, id, { state, revision: BigInt(revision), occurredAt: metadata.occurredAt });
        }
      }
      return id;
    };

    const rows: Row[] = [];
    for (const size of sizes) {
      for (const withSnapshots of [false, true]) {
        const id = await prepare(size, withSnapshots);
        const load = () => repository.load(BankAccount, id, { useCache: false });
        await timeEach(3, load);
        const summary = summarize(await timeEach(size >= 10_000 ? 10 : 30, load));
        rows.push({ events: size, snapshots: withSnapshots ? `every ${snapshotEvery}` : 'none', 'p50 ms': summary.p50, 'mean ms': summary.mean, 'p99 ms': summary.p99, samples: summary.samples });
      }
    }
    return rows;
  } finally {
    await client.dispose();
    await store.stop();
  }
}
