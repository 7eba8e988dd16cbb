import type { ArchivedHistory } from '@openbank/archiving';
import { aggregateStreamName, type EventSerializer, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { BankAccount } from '../domain/bank-account.js';
import type { BankAccountEvent } from '../domain/bank-account.events.js';

/**
 * An account's whole history, the archived part (cold storage) included, as recorded domain
 * events; `archivedBefore` is the first revision still in the event store when the oldest events
 * are archived. Undefined when none are: the repository reads the stream as usual then.
 */
export async function archivedAccountHistory(
  archives: ArchivedHistory,
  serializer: EventSerializer,
  accountId: string,
): Promise<{ archivedBefore: bigint; events: AsyncIterable<RecordedDomainEvent<BankAccountEvent>> } | undefined> {
  const stream = aggregateStreamName(BankAccount.category, accountId);
  const archived = await archives.archiveOf(stream);
  if (!archived) return undefined;
  async function* events(): AsyncIterable<RecordedDomainEvent<BankAccountEvent>> {
    for await (const stored of archives.read(stream)) {
      const recorded = serializer.deserialize(stored);
      if (recorded) yield recorded as RecordedDomainEvent<BankAccountEvent>;
    }
  }
  return { archivedBefore: archived.truncateBefore, events: events() };
}
