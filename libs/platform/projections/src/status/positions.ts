import { BACKWARDS, END, FORWARDS, START, type KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import { bankEventsFilter } from '../consumer-groups/consumer-group.js';

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

export function isAtOrAfter(position: Position | undefined, target: Position): boolean {
  return position !== undefined && comparePositions(position, target) >= 0;
}

/** A server-side filter matching exactly these event types (a prefix filter would also match `…V10`). */
export function exactTypesRegex(types: Iterable<string>): string {
  const escaped = [...types].map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}

/** The position of the newest event of the bank in $all (system events left aside): one read. */
export async function headOfAll(client: KurrentDBClient): Promise<Position | undefined> {
  for await (const { event } of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: bankEventsFilter() })) return event?.position;
  return undefined;
}

/** When the first event of the bank after `position` was recorded: how long an unprocessed event has waited. One read. */
export async function recordedAfter(client: KurrentDBClient, position: Position | undefined): Promise<Date | undefined> {
  const reads = client.readAll({ fromPosition: position ?? START, direction: FORWARDS, maxCount: 2, filter: bankEventsFilter() });
  for await (const { event } of reads) {
    // Reading forwards from a position starts with the event at that position: already processed.
    if (!event?.position || (position && comparePositions(event.position, position) <= 0)) continue;
    return event.created;
  }
  return undefined;
}
