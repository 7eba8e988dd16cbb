import { HttpException, HttpStatus } from '@nestjs/common';
import { EventStoreUnavailable, isEventStoreOutage } from '@openbank/event-sourcing';
import { isReadStoreOutage } from '@openbank/projections';
import { DomainError, type DomainErrorKind } from '@openbank/shared-kernel';
import { problem, type ProblemDetails } from './problem-details.js';
import { RequestValidationFailed } from './request-validation-failed.js';

const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'rule-violated': HttpStatus.UNPROCESSABLE_ENTITY,
};

const codeOfStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's own errors (body parsing, limits, URLs its router cannot take) with the code we answer for them. */
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

export interface ProblemAnswer {
  readonly problem: ProblemDetails;
  /** Seconds after which a retry makes sense (store outages). */
  readonly retryAfter?: number;
  /** True when the error is not the caller's doing and deserves a log entry. */
  readonly unexpected: boolean;
}

/**
 * The one place where errors become HTTP answers. Only the mapped, safe parts of an error reach
 * the caller: never a stack trace, never the message of an unexpected error.
 */
export function errorToProblem(error: unknown, instance?: string): ProblemAnswer {
  const at = instance ? { instance } : {};
  if (error instanceof DomainError) {
    return { problem: problem(statusOfKind[error.kind], error.code, error.message, at), unexpected: false };
  }
  if (error instanceof RequestValidationFailed) {
    return { problem: problem(400, 'INVALID_REQUEST', 'the request is not valid', { ...at, errors: error.errors }), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    // Fastify's own errors (malformed JSON, body limits) arrive wrapped, with the original as the cause.
    const fastifyCode = String((error.cause as { code?: unknown } | undefined)?.code ?? '');
    const code =
      (typeof body === 'object' && body && 'code' in body && typeof body.code === 'string' && body.code) ||
      fastifyCodes[fastifyCode] ||
      codeOfStatus[status] ||
      'HTTP_ERROR';
    const detail = typeof body === 'object' && body && 'message' in body && typeof body.message === 'string' ? body.message : error.message;
    return { problem: problem(status, code, detail, at), unexpected: status >= 500 };
  }
  if (error instanceof EventStoreUnavailable || isEventStoreOutage(error)) {
    return { problem: problem(503, 'EVENT_STORE_UNAVAILABLE', 'the event store is unavailable; try again shortly', at), retryAfter: 1, unexpected: true };
  }
  if (isReadStoreOutage(error)) {
    return { problem: problem(503, 'READ_STORE_UNAVAILABLE', 'the read store is unavailable; try again shortly', at), retryAfter: 1, unexpected: true };
  }
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const fastifyCode = String((error as { code?: unknown }).code ?? '');
    const code = fastifyCodes[fastifyCode] ?? codeOfStatus[fastifyStatus] ?? 'BAD_REQUEST';
    return { problem: problem(fastifyStatus, code, (error as Error).message, at), unexpected: false };
  }
  return { problem: problem(500, 'INTERNAL_ERROR', 'an unexpected error occurred', at), unexpected: true };
}
