import type { Params } from 'nestjs-pino';
import { pino, type Logger } from 'pino';
import type { Environment } from '../config/environment.js';

const pretty = { target: 'pino-pretty', options: { singleLine: true } };

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
      autoLogging: environment.ACCESS_LOG ? { ignore: (request) => request.url === '/health' } : false,
      ...(environment.LOG_FORMAT === 'pretty' ? { transport: pretty } : {}),
    },
  };
}

/** The same format for what is logged before the application exists (starting the stores). */
export function startupLogger(environment: Environment): Logger {
  return pino({ level: environment.LOG_LEVEL, name: 'OpenBank', ...(environment.LOG_FORMAT === 'pretty' ? { transport: pretty } : {}) });
}
