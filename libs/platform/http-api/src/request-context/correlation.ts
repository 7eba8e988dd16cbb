import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const correlationHeader = 'x-correlation-id';
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's `genReqId`: the request id is the correlation id, i.e. the caller's X-Correlation-Id
 * when it is well formed, otherwise a new one. It is also set on the raw request, where the
 * request logger (pino-http) picks it up, so every log line of the request carries it.
 */
export function correlationIdFor(request: IncomingMessage): string {
  const offered = request.headers[correlationHeader];
  const id = typeof offered === 'string' && acceptable.test(offered) ? offered : randomUUID();
  (request as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** Echoes the correlation id on every response. */
export function echoCorrelationId(fastify: FastifyInstance): void {
  // A callback hook, not an async one: no promise per request for a header.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header(correlationHeader, request.id);
    done(null, payload);
  });
}
