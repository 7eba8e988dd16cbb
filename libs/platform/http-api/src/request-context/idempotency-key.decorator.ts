import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the Idempotency-Key a command route takes (the idempotency layer honours it on every POST). */
export const AcceptsIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retried request safe: the same key and body from the same caller give the first answer again, and the effect happens once. ' +
        '1 to 255 visible ASCII characters, kept IDEMPOTENCY_RETENTION_HOURS.',
      schema: { type: 'string', maxLength: 255, example: 'rent-2026-11' },
    }),
  );
