import type { Params } from 'nestjs-pino';
import type { Environment } from '../config/environment.js';

/**
 * Structured JSON logs (pretty-printed on request for local use). The request id is the
 * correlation id (see fastify-options.ts), so every line of a request carries it.
 */
export function loggerOptions(environment: Environment): Params {
  return {
    pinoHttp: {
      level: environment.LOG_LEVEL,
      customAttributeKeys: { reqId: 'correlationId' },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (request) => request.url === '/health' },
      ...(environment.LOG_FORMAT === 'pretty' ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
    },
  };
}
