import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestValidationFailed } from '../problems/request-validation-failed.js';
import { unsafeTextFields } from './unsafe-text.js';

const json = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
/** JSON is UTF-8 (RFC 8259); a body announced in another charset would be read as something it is not. */
const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i;
const withBody = new Set(['POST', 'PUT', 'PATCH']);

/** Deeper than any request the API takes; validation walks bodies recursively and must not overflow its stack. */
const maximumDepth = 16;

/**
 * The API speaks JSON in UTF-8 only: a body in any other media type or charset is refused with
 * 415, not half-parsed; a body nested deeper than any request of the API is refused with 400
 * before validation walks it, and so is text no field has a use for (see unsafe-text.ts).
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  // Callback hooks, not async ones: no promise per request for checks that never wait.
  fastify.addHook('onRequest', (request, _reply, done) => done(unacceptableBody(request)));
  fastify.addHook('preValidation', (request, _reply, done) => done(unacceptableContent(request)));
}

function unacceptableBody(request: FastifyRequest): Error | undefined {
  if (!withBody.has(request.method)) return undefined;
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  const type = request.headers['content-type'];
  if (!(type && json.test(type))) {
    return new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'request bodies must be application/json' });
  }
  const announced = charset.exec(type)?.[1];
  if (announced && announced.toLowerCase() !== 'utf-8') {
    return new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_CHARSET', message: `request bodies must be UTF-8, not ${announced}` });
  }
  return undefined;
}

function unacceptableContent(request: FastifyRequest): Error | undefined {
  if (depthExceeds(request.body, maximumDepth)) {
    return new BadRequestException({ code: 'BODY_TOO_DEEP', message: `request bodies may nest objects and arrays ${maximumDepth} levels deep at most` });
  }
  const unsafe = [...unsafeTextFields(request.body), ...unsafeTextFields(request.query)];
  return unsafe.length > 0 ? new RequestValidationFailed(unsafe) : undefined;
}

/** Walks the value without recursion, so that the walk itself cannot overflow. */
function depthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
