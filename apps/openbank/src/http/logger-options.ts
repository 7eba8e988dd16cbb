import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Environment } from '@openbank/bank';

const pretty = { target: 'pino-pretty', options: { singleLine: true } };
/** Probes and scrapes come every few seconds: no access log line for them. */
const unlogged = new Set(['/health', '/metrics']);

/**
 * Structured JSON logs (pretty-printed on request for local use). The request id is the
 * correlation id (see fastify-options.ts): every line logged while a request is handled carries
 * it as `correlationId`, and the line that closes the request adds the request and the answer.
 * Lines logged while an event is handled carry the event's (see @openbank/observability).
 */
export function loggerOptions(environment: Environment, destination?: DestinationStream): Params {
  const options = {
    level: environment.LOG_LEVEL,
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    autoLogging: environment.ACCESS_LOG ? { ignore: (request: { url?: string }) => unlogged.has(request.url ?? '') } : false,
    ...(environment.LOG_FORMAT === 'pretty' && !destination ? { transport: pretty } : {}),
  };
  // Every route: the library's default pattern matches none of them under Nest 12's Fastify adapter.
  return { pinoHttp: destination ? [options, destination] : options, forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }] };
}

/** The same format for what is logged before the application exists (starting the stores). */
export function startupLogger(environment: Environment): Logger {
  return pino({ level: environment.LOG_LEVEL, name: 'OpenBank', ...(environment.LOG_FORMAT === 'pretty' ? { transport: pretty } : {}) });
}
