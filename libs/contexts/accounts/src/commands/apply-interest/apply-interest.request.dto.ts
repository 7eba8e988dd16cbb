import { ApiProperty } from '@nestjs/swagger';
import { DecimalAmount, RequestValidationFailed } from '@openbank/http-api';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import type { InterestTerms } from './apply-interest.command.js';

const day = /^\d{4}-\d{2}-\d{2}$/;

export class ApplyInterestRequest {
  @ApiProperty({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @IsUUID()
  account_id!: string;

  @DecimalAmount({ required: false, example: '0.05', description: 'Yearly rate as a fraction (0.05 = 5 %), at most 1. Give either this or amount.' })
  @IsOptional()
  @Matches(/^(0(\.\d{1,8})?|1(\.0{1,8})?)$/, { message: 'annual_rate must be a fraction between 0 and 1 with at most 8 decimals' })
  annual_rate?: string;

  @DecimalAmount({ required: false, example: '4.11', description: 'The interest itself, instead of a rate.' })
  @IsOptional()
  amount?: string;

  @ApiProperty({ example: '2026-10-01', format: 'date', description: 'First day, included (UTC).' })
  @Matches(day, { message: 'from must be a date in the form YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2026-11-01', format: 'date', description: 'The day after the last, excluded (UTC); not after today.' })
  @Matches(day, { message: 'to must be a date in the form YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to!: string;

  /** Exactly one of annual_rate and amount. */
  terms(): InterestTerms {
    if ((this.annual_rate === undefined) === (this.amount === undefined)) {
      throw new RequestValidationFailed([{ field: 'annual_rate', message: 'give either annual_rate or amount, not both and not neither' }]);
    }
    return this.annual_rate !== undefined ? { annualRate: this.annual_rate } : { amount: this.amount! };
  }
}

