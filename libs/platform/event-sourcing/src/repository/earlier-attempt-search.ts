import type { LogPosition } from '../recorded-event.js';
import { metadataOf } from '../serialization/event-serializer.js';
import type { EventStore, StoredEvent } from '../store/event-store.port.js';

/** How far before the start of an earlier attempt its events are still looked for, when bounded by time. */
const clockSkewMarginMs = 5 * 60_000;
const searchLimit = 10_000;
const firstPage = 8;
const largestPage = 1_000;

/**
 * Where an earlier attempt's events can begin: after a log position (positions grow with every
 * write, whatever the clocks say), or since an instant.
 */
export type EarlierAttemptBound = { readonly afterPosition: LogPosition } | { readonly since: Date };

/**
 * The events of `stream` recorded under `operationId` within the bound, oldest first: searched
 * backwards from the end, in pages that grow, so that a search that ends after a few events
 * reads a few. Only metadata is looked at.
 */
export async function searchEarlierAttempt(store: EventStore, stream: string, operationId: string, bound: EarlierAttemptBound): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  for await (const stored of newestFirst(store, stream)) {
    if (isBefore(stored, bound)) break;
    if (metadataOf(stored).operationId === operationId) found.unshift(stored);
  }
  return found;
}

/** The event was written before the bound: neither it nor anything older can be the earlier attempt's. */
function isBefore(stored: StoredEvent, bound: EarlierAttemptBound): boolean {
  if ('since' in bound) return Date.parse(metadataOf(stored).occurredAt) < bound.since.getTime() - clockSkewMarginMs;
  return stored.position !== undefined && stored.position.commit <= bound.afterPosition.commit;
}

async function* newestFirst(store: EventStore, stream: string): AsyncGenerator<StoredEvent> {
  let from: bigint | 'end' = 'end';
  let read = 0;
  for (let pageSize = firstPage; read < searchLimit; pageSize = Math.min(pageSize * 4, largestPage)) {
    let oldest: StoredEvent | undefined;
    let inPage = 0;
    for await (const stored of store.read(stream, { from, direction: 'backwards', maxCount: Math.min(pageSize, searchLimit - read) })) {
      oldest = stored;
      inPage++;
      read++;
      yield stored;
    }
    if (!oldest || inPage < pageSize || oldest.revision === 0n) return;
    from = oldest.revision - 1n;
  }
}
