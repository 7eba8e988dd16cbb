import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorToProblem } from './error-to-problem.js';
import { problemContentType } from './problem-details.js';

/** Answers every error that leaves a controller as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  const { problem, retryAfter, unexpected } = errorToProblem(error, request.url.split('?')[0]);
  if (unexpected) logger.error({ msg: 'request failed', correlationId: request.id, code: problem.code, error: error instanceof Error ? error.stack : String(error) });
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  void reply.status(problem.status).header('content-type', problemContentType).send(problem);
}
