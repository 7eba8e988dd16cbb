import { randomUUID } from 'node:crypto';
import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { operationIdOf, type CommandContext, type Principal } from '@openbank/event-sourcing';
import type { FastifyRequest } from 'fastify';

export const idempotencyKeyHeader = 'idempotency-key';
const wellFormedKey = /^[\x21-\x7e]{1,255}$/;

export const anonymous: Principal = { id: 'anonymous' };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** Set by the idempotency layer when a retry takes over from a first attempt that died. */
    earlierAttemptSince?: Date;
    /** Set by the idempotency layer: how long this attempt holds its key (see CommandContext.keyHeld). */
    keyLease?: { readonly since: Date; readonly until: Date };
    /** The operation id the request's command records its events under (see commandContextOf), when it has a key. */
    operationId?: string;
  }
}

/** The request's Idempotency-Key, if it sent one; a malformed key is a 400. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers[idempotencyKeyHeader];
  if (key !== undefined && (typeof key !== 'string' || !wellFormedKey.test(key))) {
    throw new BadRequestException({ code: 'INVALID_IDEMPOTENCY_KEY', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' });
  }
  return key;
}

export function commandContextOf(request: FastifyRequest): CommandContext {
  const key = idempotencyKeyOf(request);
  const principal = request.principal ?? anonymous;
  // The key is the caller's own, and names one request of theirs: the operation is scoped to
  // the caller and the route, so another caller's (or another route's) key can never match it.
  if (key) request.operationId = operationIdOf(principal.id, `${request.method} ${request.url}`, key);
  return {
    correlationId: request.id,
    // Each command is a message of its own; its id is what the recorded events were caused by.
    causationId: randomUUID(),
    principal,
    ...(key ? { operationId: request.operationId } : {}),
    ...(key && request.earlierAttemptSince ? { earlierAttemptSince: request.earlierAttemptSince.toISOString() } : {}),
    ...(key && request.keyLease ? { keyHeld: { since: request.keyLease.since.toISOString(), until: request.keyLease.until.toISOString() } } : {}),
  };
}

/** The CommandContext of the current HTTP request: correlation, causation, caller, idempotency key. */
export const RequestCommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
