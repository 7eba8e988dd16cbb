import type { FastifyServerOptions } from 'fastify';
import { correlationIdFor } from '@openbank/http-api';
import type { Environment } from '../config/environment.js';

export function fastifyOptions(environment: Environment): FastifyServerOptions {
  return {
    bodyLimit: environment.BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: correlationIdFor,
  };
}
