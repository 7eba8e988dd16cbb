import { ArchivedHistory, MemoryArchiveStorage } from '@openbank/archiving';
import { EventSerializer, EventTypeRegistry } from '@openbank/event-sourcing';
import type { Scenario } from '@openbank/testing';
import { BankAccount } from '../src/domain/bank-account.js';

/** What the write-model queries read archived history with, over a scenario's store and an empty cold storage. */
export function archiveReaders(scenario: Scenario): [ArchivedHistory, EventSerializer] {
  const registry = new EventTypeRegistry();
  registry.registerEvents(BankAccount.events);
  return [new ArchivedHistory(scenario.store, new MemoryArchiveStorage()), new EventSerializer(registry)];
}
