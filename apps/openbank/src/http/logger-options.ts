import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { Environment } from '@openbank/bank';

const pretty = { target: 'pino-pretty', options: { singleLine: true } };
/** Probes and scrapes come every few seconds: no access log line for them. */
const unlogged = new Set(['/health', '/metrics']);

/**
 * What a line says of the request and the answer: no headers (so no credential to redact), the
 * correlation id already being on the line. They are given the raw request and response, as
 * pino-http otherwise builds full copies of both (every header) for each request, first.
 */
const serializers = {
  req: (request: IncomingMessage & { originalUrl?: string }) => ({
    method: request.method,
    url: request.originalUrl ?? request.url,
    remoteAddress: request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  }),
  res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
  err: stdSerializers.err,
};

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
    serializers,
    wrapSerializers: false,
    autoLogging: environment.ACCESS_LOG ? { ignore: (request: { url?: string }) => unlogged.has(request.url ?? '') } : false,
    ...(environment.LOG_FORMAT === 'pretty' && !destination ? { transport: pretty } : {}),
  };
  // No route gets the pino-http middleware: Fastify hooks give each request its logging context
  // and write its closing line (see request-logging.ts), from these options.
  return { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
}

/** The same format for what is logged before the application exists (starting the stores). */
export function startupLogger(environment: Environment): Logger {
  return pino({ level: environment.LOG_LEVEL, name: 'OpenBank', ...(environment.LOG_FORMAT === 'pretty' ? { transport: pretty } : {}) });
}
