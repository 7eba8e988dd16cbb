import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { anonymous, errorToProblem, idempotencyKeyOf, problemContentType } from '@openbank/http-api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotencyKeyInProgress, IdempotencyKeyReused } from './idempotency.errors.js';
import { IdempotencyStore, type StoredAnswer } from './idempotency.store.js';
import { keyId, requestFingerprint } from './request-fingerprint.js';

/** Answers worth giving again to a retry: everything but store outages, conflicts and limits. */
const retriable = (status: number) => status >= 500 || status === 409 || status === 429;

/**
 * Makes a POST with an Idempotency-Key safe to retry: the first request claims the key; the same
 * key with the same request gets the first answer again (also after a restart); with another
 * request it is refused (422); while the first is still running, 409. A first attempt that died
 * holding the key is taken over after its lease, and its command then finds the events the first
 * attempt recorded instead of deciding again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = idempotencyKeyOf(request);
    return key ? from(this.once(request, http.getResponse<FastifyReply>(), key, next)) : next.handle();
  }

  private async once(request: FastifyRequest, reply: FastifyReply, key: string, next: CallHandler): Promise<unknown> {
    const id = keyId((request.principal ?? anonymous).id, key);
    const claim = await this.store.claim(id, requestFingerprint(request.method, request.url, request.body));
    switch (claim.kind) {
      case 'mismatch':
        throw new IdempotencyKeyReused('this Idempotency-Key was first used for another request');
      case 'in-progress':
        void reply.header('retry-after', String(Math.ceil(claim.retryAfterMs / 1000)));
        throw new IdempotencyKeyInProgress('the first request with this Idempotency-Key is still being processed');
      case 'replay':
        return this.replay(reply, claim.record);
      case 'execute':
        request.earlierAttemptSince = claim.earlierAttemptSince;
        return this.execute(id, reply, next);
    }
  }

  private async execute(id: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const { problem } = errorToProblem(error);
      if (retriable(problem.status)) await this.store.release(id).catch((cause: unknown) => this.logger.warn({ msg: 'key not released', cause: String(cause) }));
      else await this.store.complete(id, { status: problem.status, body: problem, headers: { 'content-type': problemContentType } });
      throw error;
    }
    await this.store.complete(id, { status: reply.statusCode, body, headers: keptHeaders(reply) });
    return body;
  }

  private replay(reply: FastifyReply, answer: Partial<StoredAnswer>): unknown {
    void reply.status(answer.status ?? 200).header('idempotent-replayed', 'true');
    for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
    return answer.body;
  }
}

/** The headers that belong to the answer itself (not to the transport), kept for replays. */
function keptHeaders(reply: FastifyReply): Record<string, string> {
  const location = reply.getHeader('location');
  return typeof location === 'string' ? { location } : {};
}
