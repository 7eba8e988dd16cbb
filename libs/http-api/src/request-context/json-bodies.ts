import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const json = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
const withBody = new Set(['POST', 'PUT', 'PATCH']);

/** The API speaks JSON only: a body in any other media type is refused with 415, not half-parsed. */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (!withBody.has(request.method)) return;
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const type = request.headers['content-type'];
    if (hasBody && !(type && json.test(type))) {
      throw new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'request bodies must be application/json' });
    }
  });
}
