import { BACKWARDS, END, FORWARDS, START, type Filter, type KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import { bankEventsFilter } from '../consumer-groups/consumer-group.js';

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

export function isAtOrAfter(position: Position | undefined, target: Position): boolean {
  return position !== undefined && comparePositions(position, target) >= 0;
}

/** The position of the newest event in $all that `filter` lets through (by default: of the bank, system events left aside): one read. */
export async function headOfAll(client: KurrentDBClient, filter: Filter = bankEventsFilter()): Promise<Position | undefined> {
  for await (const { event } of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter })) return event?.position;
  return undefined;
}

/** When the first event `filter` lets through after `position` was recorded: how long an unprocessed event has waited. One read. */
export async function recordedAfter(client: KurrentDBClient, position: Position | undefined, filter: Filter = bankEventsFilter()): Promise<Date | undefined> {
  const reads = client.readAll({ fromPosition: position ?? START, direction: FORWARDS, maxCount: 2, filter });
  for await (const { event } of reads) {
    // Reading forwards from a position starts with the event at that position: already processed.
    if (!event?.position || (position && comparePositions(event.position, position) <= 0)) continue;
    return event.created;
  }
  return undefined;
}
