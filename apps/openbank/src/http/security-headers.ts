import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

type HelmetMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** helmet itself, the very copy @fastify/helmet runs. */
function helmetOfThePlugin(): (options: FastifyHelmetOptions) => HelmetMiddleware {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@fastify/helmet'))('helmet') as (options: FastifyHelmetOptions) => HelmetMiddleware;
}

/** The headers helmet sets on an answer with these options. */
export function securityHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const answer = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmetOfThePlugin()(options)({} as IncomingMessage, answer as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * helmet's security headers with these options, on every answer. @fastify/helmet builds its
 * middleware again on every request (its options may differ per route, which ours never do) to
 * set the same headers each time: they are worked out once here, and set as they are.
 */
export function useSecurityHeaders(fastify: FastifyInstance, options: FastifyHelmetOptions): void {
  const headers = securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
