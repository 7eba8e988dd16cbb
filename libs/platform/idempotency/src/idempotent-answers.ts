import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { problemAnswering, problemContentType } from '@openbank/http-api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyStore, type StoredAnswer } from './idempotency.store.js';

/** Answers worth giving again to a retry: everything but store outages, conflicts and limits. */
const retriable = (status: number) => status >= 500 || status === 409 || status === 429;

/**
 * Stores the answer to a request that claimed an Idempotency-Key (see IdempotencyGuard), as it
 * is sent: a later request with the key gets it again. An answer a retry could improve is not
 * kept; the key is given back instead.
 */
@Injectable()
export class IdempotentAnswers implements OnModuleInit {
  private readonly logger = new Logger(IdempotentAnswers.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly store: IdempotencyStore,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('onSend', (request, reply, payload, done) => {
      const id = request.idempotencyKeyId;
      if (!id) return done(null, payload);
      request.idempotencyKeyId = undefined;
      this.keep(id, request, reply, payload).then(
        () => done(null, payload),
        // Not stored, so not given: the key stays in progress until its lease ends, and the
        // caller is told to try again (a read store outage is a 503), as it would be had the
        // request failed. A retry after the lease takes over, as from an attempt that died.
        (error: unknown) => {
          void reply.removeHeader('location');
          done(null, JSON.stringify(problemAnswering(error, request, reply, this.logger)));
        },
      );
    });
  }

  private async keep(id: string, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
    const status = reply.statusCode;
    if (retriable(status)) {
      await this.store.release(id).catch((cause: unknown) => this.logger.warn({ msg: 'key not released', cause: String(cause) }));
      return;
    }
    if (status >= 400) {
      // A refusal recorded nothing a retry could find again: it is stored before it is answered.
      await this.store.complete(id, { status, body: bodyOf(payload), headers: { 'content-type': problemContentType } });
      return;
    }
    const answer: StoredAnswer = { status, body: bodyOf(payload), headers: keptHeaders(reply) };
    // A command's events carry the operation id, and a retry finds them again should the answer
    // never be stored: that answer need not hold the reply. Anything else is stored first.
    if (request.operationId) this.store.completeInBackground(id, answer);
    else await this.store.complete(id, answer);
  }
}

/** The answer's body as the handler gave it (the API answers JSON). */
function bodyOf(payload: unknown): unknown {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The headers that belong to the answer itself (not to the transport), kept for replays. */
function keptHeaders(reply: FastifyReply): Record<string, string> {
  const location = reply.getHeader('location');
  return typeof location === 'string' ? { location } : {};
}
