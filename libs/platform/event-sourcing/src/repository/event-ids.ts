import type { IdGenerator } from '@openbank/shared-kernel';
import { v5 as uuidv5 } from 'uuid';
import type { CommandContext } from '../event-metadata.js';

/** Namespace of the ids derived from operations (a fixed, project-specific UUID). */
const operationNamespace = '6f1c1e0c-3a52-4c55-9b8e-0b7f2d9c4a11';

/**
 * The operation an Idempotency-Key names: one caller, one route, one key. Two callers, or one
 * caller on two routes, never share an operation, so nothing derived from it can collide.
 */
export function operationIdOf(principalId: string, route: string, idempotencyKey: string): string {
  return uuidv5(`${principalId}\n${route}\n${idempotencyKey}`, operationNamespace);
}

/**
 * The id of what a command creates (an aggregate, a transaction): derived from the operation when
 * it can be retried, so a retry names the same thing again and runs into it instead of creating
 * a second one; a new id otherwise.
 */
export function newIdFor(context: CommandContext, purpose: string, ids: IdGenerator): string {
  return context.operationId ? uuidv5(`${purpose}\n${context.operationId}`, operationNamespace) : ids.next();
}
