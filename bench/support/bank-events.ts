import { randomUUID } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventSerializer, EventTypeRegistry, KurrentDBEventStore, aggregateStreamName, type EventMetadata } from '@openbank/event-sourcing';
import { BankAccount } from '../../libs/contexts/accounts/src/domain/bank-account.js';
import { BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1, type BankAccountEvent } from '../../libs/contexts/accounts/src/domain/bank-account.events.js';

const serializer = (() => {
  const registry = new EventTypeRegistry();
  registry.registerEvents(BankAccount.events);
  return new EventSerializer(registry);
})();

/** An account's history: opened, then deposits of 1.00, each with its true balance after. */
function historyOf(accountId: string, events: number, start: number): { event: BankAccountEvent; at: string }[] {
  const ownerId = randomUUID();
  const history: { event: BankAccountEvent; at: string }[] = [];
  const at = (index: number) => new Date(start + index * 1000).toISOString();
  history.push({
    event: new BankAccountCreatedDomainEventV2({ accountId, ownerId, currency: 'EUR', overdraftLimit: { minor: 0, currency: 'EUR' }, accountType: 'CHECKING', openedAt: at(0) }),
    at: at(0),
  });
  for (let index = 1; index < events; index++) {
    history.push({
      event: new BankAccountTransactionRecordedDomainEventV1({
        accountId,
        transaction: {
          transactionId: randomUUID(),
          type: 'DEPOSIT',
          direction: 'IN',
          amount: { minor: 100, currency: 'EUR' },
          description: 'Bulk deposit',
          balanceAfter: { minor: 100 * index, currency: 'EUR' },
          at: at(index),
        },
      }),
      at: at(index),
    });
  }
  return history;
}

/**
 * Writes `accounts` account streams of `eventsPerAccount` events each straight into the store, as
 * the application would have written them (same serializer, same metadata), many at a time.
 */
export async function loadAccountHistories(connectionString: string, accounts: number, eventsPerAccount: number, concurrency = 16): Promise<string[]> {
  const client = KurrentDBClient.connectionString`${connectionString}`;
  const ids = Array.from({ length: accounts }, () => randomUUID());
  const start = Date.now() - 30 * 86_400_000;
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const accountId = ids[next++];
          const metadata = (at: string): EventMetadata => ({ correlationId: accountId, causationId: accountId, aggregateType: 'BankAccount', aggregateId: accountId, occurredAt: at, principal: 'bench' });
          const data = historyOf(accountId, eventsPerAccount, start).map(({ event, at }) => serializer.serialize(event, metadata(at), randomUUID()));
          await new KurrentDBEventStore(client, 60_000).append([{ stream: aggregateStreamName('account', accountId), expected: 'no_stream', events: data }]);
        }
      }),
    );
  } finally {
    await client.dispose();
  }
  return ids;
}
