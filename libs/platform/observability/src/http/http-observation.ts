import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Histogram, Registry } from 'prom-client';
import { APPLICATION_TRACING, type ApplicationTracing } from '../tracing/application-tracing.js';

/** The route template, never the path: ids in paths would make one series per resource. */
const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? 'unmatched';

/**
 * Every HTTP request's duration by method, route template and status (the histogram's count is
 * the request rate) and, when tracing is on, the route as the name of the request's span.
 */
@Injectable()
export class HttpObservation implements OnModuleInit {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    registry: Registry,
    @Optional() @Inject(APPLICATION_TRACING) private readonly tracing?: ApplicationTracing,
  ) {
    this.duration = new Histogram({
      name: 'openbank_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status code, and how long they took to answer',
      labelNames: ['method', 'route', 'status_code'],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    // An application context without an HTTP server (a command-line tool) has nothing to observe.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('onResponse', (request, reply, done) => {
      this.duration.observe({ method: request.method, route: routeOf(request), status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
    const tracing = this.tracing;
    if (tracing) {
      fastify.addHook('onRequest', async (request) => {
        if (request.routeOptions.url) tracing.httpRoute(request.routeOptions.url);
      });
    }
  }
}
