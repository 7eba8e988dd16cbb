import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PARAMS_PROVIDER_TOKEN, PinoLogger, type Params } from 'nestjs-pino';
import type { Options } from 'pino-http';

/**
 * Each request's logging context and its closing line, as two Fastify hooks (the pino-http
 * middleware, run through Nest's middleware layer, built two loggers per request for the same).
 * Every line logged while the request is handled carries its correlation id; once the answer is
 * out, a line gives the request, the answer and how long it took (the access log, when on; see
 * loggerOptions).
 */
export async function logRequests(app: NestFastifyApplication): Promise<void> {
  const params = app.get<Params>(PARAMS_PROVIDER_TOKEN);
  const options = (Array.isArray(params.pinoHttp) ? params.pinoHttp[0] : params.pinoHttp) as Options | undefined;
  const logging = await app.resolve(PinoLogger);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => logging.runInContext(done, { bindings: { correlationId: request.id } }));

  const accessLog = options?.autoLogging;
  if (!accessLog) return;
  const ignored = typeof accessLog === 'object' ? accessLog.ignore : undefined;
  fastify.addHook('onResponse', (request, reply, done) => {
    const root = PinoLogger.root;
    if (root && !ignored?.(request.raw)) {
      const line = { correlationId: request.id, req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
      if (reply.statusCode >= 500) root.error({ ...line, err: new Error(`failed with status code ${reply.statusCode}`) }, 'request errored');
      else root.info(line, 'request completed');
    }
    done();
  });
}
