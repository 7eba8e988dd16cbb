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
        '1 to 255 visible ASCII characters (for example `rent-2026-11`), kept IDEMPOTENCY_RETENTION_HOURS. ' +
        // No example to fill in: one key sent with every example would make each after the first a reuse of it.
        'Type one in to see a request sent twice recorded once.',
      schema: { type: 'string', maxLength: 255 },
    }),
  );
