import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

const unsignedDecimal = /^\d{1,15}(\.\d{1,15})?$/;

/**
 * A non-negative decimal amount, sent as a string (`"1000.00"`, preferred) or a JSON number
 * (`1000.00`, as older clients do). A number is taken at its shortest decimal spelling, so only
 * values a double carries exactly to 15 significant digits get through; precision beyond the
 * currency's minor units is refused later by the domain.
 */
export function DecimalAmount(options: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      oneOf: [{ type: 'string', pattern: unsignedDecimal.source }, { type: 'number', minimum: 0 }],
      example: '1000.00',
      ...options,
    } as ApiPropertyOptions),
    Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value)),
    IsString({ message: ({ property }) => `${property} must be a decimal amount such as "1000.00"` }),
    Matches(unsignedDecimal, { message: ({ property }) => `${property} must be a non-negative decimal amount such as "1000.00"` }),
  );
}
