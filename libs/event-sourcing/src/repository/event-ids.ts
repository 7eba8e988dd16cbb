import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '@openbank/shared-kernel';
import { v5 as uuidv5 } from 'uuid';
import type { CommandContext } from '../event-metadata.js';

/** Namespace for event ids derived from idempotency keys (a fixed, project-specific UUID). */
const idempotentEventNamespace = '6f1c1e0c-3a52-4c55-9b8e-0b7f2d9c4a11';

/**
 * Event ids: random normally; derived from the idempotency key, the stream and the event's place
 * in the append when the caller sent a key, so a retried append carries the same ids and the
 * store recognises it instead of writing the events twice.
 */
export function eventIdsFor(stream: string, count: number, idempotencyKey?: string): string[] {
  return Array.from({ length: count }, (_, index) =>
    idempotencyKey ? uuidv5(`${stream}\n${idempotencyKey}\n${index}`, idempotentEventNamespace) : randomUUID(),
  );
}

/**
 * The id of what a command creates (an aggregate, a transaction): derived from the caller and the
 * idempotency key when there is one, so a retried command names the same thing again and runs
 * into it instead of creating a second one; a new id otherwise.
 */
export function newIdFor(context: CommandContext, purpose: string, ids: IdGenerator): string {
  return context.idempotencyKey ? uuidv5(`${purpose}\n${context.principal.id}\n${context.idempotencyKey}`, idempotentEventNamespace) : ids.next();
}
