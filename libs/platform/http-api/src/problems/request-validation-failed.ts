import { BadRequestException, type ValidationError } from '@nestjs/common';
import type { ProblemFieldError } from './problem-details.js';

/** A request body, query or path that failed validation; carries one entry per offending field. */
export class RequestValidationFailed extends BadRequestException {
  constructor(readonly errors: ProblemFieldError[]) {
    super({ code: 'INVALID_REQUEST', message: 'the request is not valid' });
  }

  /** The ValidationPipe's exceptionFactory: flattens nested errors to dotted field paths. */
  static from(validationErrors: ValidationError[]): RequestValidationFailed {
    return new RequestValidationFailed(flatten(validationErrors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
