import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const problemContentType = 'application/problem+json';

export class ProblemFieldError {
  @ApiProperty({ example: 'date_of_birth' })
  field!: string;

  @ApiProperty({ example: 'date_of_birth must be a valid ISO 8601 date string' })
  message!: string;
}

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:openbank:problem:insufficient-funds', description: 'Identifies the kind of problem.' })
  type!: string;

  @ApiProperty({ example: 'Insufficient funds' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiPropertyOptional({ example: 'withdrawing 1600.00 EUR would exceed the available 1500.00 EUR' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/transactions/withdrawal' })
  instance?: string;

  @ApiProperty({ example: 'INSUFFICIENT_FUNDS', description: 'Stable, machine-readable error code.' })
  code!: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'Present when the request itself was invalid.' })
  errors?: ProblemFieldError[];
}

/** `INSUFFICIENT_FUNDS` → `Insufficient funds`. */
export function titleOf(code: string): string {
  const words = code.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function problem(status: number, code: string, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return {
    type: `urn:openbank:problem:${code.toLowerCase().split('_').join('-')}`,
    title: titleOf(code),
    status,
    ...(detail ? { detail } : {}),
    code,
    ...extra,
  };
}
