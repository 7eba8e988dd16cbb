import { Injectable, type CanActivate, type ExecutionContext, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { anonymous, idempotencyKeyOf, PreparedAnswer } from '@openbank/http-api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyKeyInProgress, IdempotencyKeyReused } from './idempotency.errors.js';
import { IdempotencyStore } from './idempotency.store.js';
import { keyId, requestFingerprint } from './request-fingerprint.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed: its answer is stored for the key once it is sent (see IdempotentAnswers). */
    idempotencyKeyId?: string;
  }
}

/**
 * Makes a POST with an Idempotency-Key safe to retry: the first request claims the key; the same
 * key with the same request gets the first answer again (also after a restart); with another
 * request it is refused (422); while the first is still running, 409. A first attempt that died
 * holding the key is taken over after its lease, and its command then finds the events the first
 * attempt recorded instead of deciding again.
 *
 * A guard rather than an interceptor: one more guard costs next to nothing, while any global
 * interceptor wraps every route of the application in Nest's observable pipeline. It runs last
 * of the guards, once the caller is known, since keys are the caller's own.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate, OnApplicationBootstrap {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly config: ApplicationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const guards = this.config.getGlobalGuards();
    if (guards.at(-1) !== this) {
      throw new Error('the idempotency guard must run after every other global guard (who is calling decides whose key it is): import IdempotencyModule after AuthModule');
    }
  }

  async canActivate(context: ExecutionContext): Promise<true> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method !== 'POST') return true;
    const key = idempotencyKeyOf(request);
    if (!key) return true;
    const id = keyId((request.principal ?? anonymous).id, key);
    const claim = await this.store.claim(id, requestFingerprint(request.method, request.url, request.body));
    switch (claim.kind) {
      case 'mismatch':
        throw new IdempotencyKeyReused('this Idempotency-Key was first used for another request');
      case 'in-progress':
        void http.getResponse<FastifyReply>().header('retry-after', String(Math.ceil(claim.retryAfterMs / 1000)));
        throw new IdempotencyKeyInProgress('the first request with this Idempotency-Key is still being processed');
      case 'replay': {
        const { status = 200, body, headers = {} } = claim.record;
        throw new PreparedAnswer(status, body, { ...headers, 'idempotent-replayed': 'true' });
      }
      case 'execute':
        request.earlierAttemptSince = claim.earlierAttemptSince;
        request.keyLease = claim.lease;
        request.idempotencyKeyId = id;
        return true;
    }
  }
}
