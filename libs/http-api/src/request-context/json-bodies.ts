import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const json = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
const withBody = new Set(['POST', 'PUT', 'PATCH']);

/** Deeper than any request the API takes; validation walks bodies recursively and must not overflow its stack. */
const maximumDepth = 16;

/**
 * The API speaks JSON only: a body in any other media type is refused with 415, not half-parsed;
 * a body nested deeper than any request of the API is refused with 400 before validation walks it.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (!withBody.has(request.method)) return;
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const type = request.headers['content-type'];
    if (hasBody && !(type && json.test(type))) {
      throw new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'request bodies must be application/json' });
    }
  });
  fastify.addHook('preValidation', async (request) => {
    if (depthExceeds(request.body, maximumDepth)) {
      throw new BadRequestException({ code: 'BODY_TOO_DEEP', message: `request bodies may nest objects and arrays ${maximumDepth} levels deep at most` });
    }
  });
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
