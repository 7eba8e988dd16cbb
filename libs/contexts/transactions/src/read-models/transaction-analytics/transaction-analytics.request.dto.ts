import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, IsOptional, Matches } from 'class-validator';

const day = /^\d{4}-\d{2}-\d{2}$/;

export class TransactionAnalyticsRequest {
  @ApiProperty({ example: '2026-11-01', format: 'date', description: 'First day, included (UTC).' })
  @Matches(day, { message: 'from must be a date in the form YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', format: 'date', description: 'Last day, included (UTC).' })
  @Matches(day, { message: 'to must be a date in the form YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;
}
