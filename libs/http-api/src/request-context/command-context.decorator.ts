import { randomUUID } from 'node:crypto';
import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandContext, Principal } from '@openbank/event-sourcing';
import type { FastifyRequest } from 'fastify';

export const idempotencyKeyHeader = 'idempotency-key';
const wellFormedKey = /^[\x21-\x7e]{1,255}$/;

export const anonymous: Principal = { id: 'anonymous' };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function commandContextOf(request: FastifyRequest): CommandContext {
  const key = request.headers[idempotencyKeyHeader];
  if (key !== undefined && (typeof key !== 'string' || !wellFormedKey.test(key))) {
    throw new BadRequestException({ code: 'INVALID_IDEMPOTENCY_KEY', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' });
  }
  return {
    correlationId: request.id,
    // Each command is a message of its own; its id is what the recorded events were caused by.
    causationId: randomUUID(),
    principal: request.principal ?? anonymous,
    ...(key ? { idempotencyKey: key } : {}),
  };
}

/** The CommandContext of the current HTTP request: correlation, causation, caller, idempotency key. */
export const RequestCommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
