import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetails, problemContentType } from './problem-details.js';

const descriptions: Record<number, string> = {
  400: 'The request is invalid (malformed JSON, unknown or ill-typed fields, bad values).',
  401: 'No valid bearer token: missing, expired, for another audience, or badly signed.',
  403: 'The caller may not do this (role, or a resource that is not theirs).',
  404: 'The resource does not exist.',
  409: 'Conflict: concurrent modification, duplicate, or the same Idempotency-Key still being processed.',
  422: 'A business rule refused the request.',
  429: 'Too many requests; see Retry-After.',
  503: 'A store is unavailable; retry after the Retry-After delay.',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: descriptions[status] ?? 'Error',
        content: { [problemContentType]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
      }),
    ),
  );
}
