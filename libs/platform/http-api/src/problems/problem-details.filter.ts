import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorToProblem } from './error-to-problem.js';
import { PreparedAnswer } from './prepared-answer.js';
import { problemContentType, type ProblemDetails } from './problem-details.js';

/** Answers every error that leaves a controller as application/problem+json (and a prepared answer as it is). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    if (error instanceof PreparedAnswer) void http.getResponse<FastifyReply>().status(error.status).headers(error.headers).send(error.body);
    else sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  void reply.send(problemAnswering(error, request, reply, logger));
}

/**
 * The problem for `error`, with the reply's status and headers set for it: what an answer
 * becomes, also one already on its way (in an onSend hook, which sends the body it is given).
 */
export function problemAnswering(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): ProblemDetails {
  const { problem, retryAfter, unexpected } = errorToProblem(error, request.url.split('?')[0]);
  if (unexpected) logger.error({ msg: 'request failed', correlationId: request.id, code: problem.code, error: error instanceof Error ? error.stack : String(error) });
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  void reply.status(problem.status).header('content-type', problemContentType);
  return problem;
}
