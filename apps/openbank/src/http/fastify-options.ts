import { Logger } from '@nestjs/common';
import type { FastifyServerOptions } from 'fastify';
import { answerMalformedHttpRequest, correlationIdFor, sendProblem } from '@openbank/http-api';
import type { Environment } from '@openbank/bank';

const logger = new Logger('Http');

export function fastifyOptions(environment: Environment): FastifyServerOptions {
  return {
    bodyLimit: environment.BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: correlationIdFor,
    // What the router refuses before any route runs (a malformed URL, a path parameter too long) is a problem too.
    frameworkErrors: (error, request, reply) => sendProblem(error, request, reply, logger),
    // And so is what Node's HTTP parser refuses before Fastify sees a request at all.
    clientErrorHandler: answerMalformedHttpRequest,
  };
}
