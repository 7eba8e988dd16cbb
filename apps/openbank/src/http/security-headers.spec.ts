import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { useSecurityHeaders } from './security-headers.js';

const options: FastifyHelmetOptions = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
};

async function server(secure: (fastify: FastifyInstance) => unknown): Promise<FastifyInstance> {
  const fastify = Fastify();
  await secure(fastify);
  fastify.get('/ok', () => ({ ok: true }));
  fastify.get('/fails', () => {
    throw new Error('boom');
  });
  fastify.get('/sets-its-own', (_request, reply) => reply.header('x-frame-options', 'DENY').send('framed'));
  return fastify;
}

describe('security headers', () => {
  it('are the very headers helmet sets, on answers, errors, unknown routes and over a route’s own', async () => {
    const withHelmet = await server((fastify) => fastify.register(helmet, options));
    const withOurs = await server((fastify) => useSecurityHeaders(fastify, options));
    const [helmetUrl, oursUrl] = await Promise.all([withHelmet.listen({ port: 0, host: '127.0.0.1' }), withOurs.listen({ port: 0, host: '127.0.0.1' })]);
    const headersOf = async (url: string) => {
      const response = await fetch(url);
      const headers = Object.fromEntries(response.headers);
      delete headers.date;
      return { status: response.status, headers };
    };
    try {
      for (const path of ['/ok', '/fails', '/missing', '/sets-its-own']) {
        expect(await headersOf(oursUrl + path)).toEqual(await headersOf(helmetUrl + path));
      }
      expect((await headersOf(`${oursUrl}/ok`)).headers).toMatchObject({ 'content-security-policy': expect.stringContaining("default-src 'self'"), 'x-content-type-options': 'nosniff' });
    } finally {
      await Promise.all([withHelmet.close(), withOurs.close()]);
    }
  });
});
