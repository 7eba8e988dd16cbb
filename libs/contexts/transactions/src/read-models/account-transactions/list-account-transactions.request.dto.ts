import { ApiPropertyOptional } from '@nestjs/swagger';
import type { TransactionType } from '@openbank/accounts';
import { PageQuery } from '@openbank/http-api';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

const types: TransactionType[] = ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'INTEREST'];

export class ListAccountTransactionsRequest extends PageQuery {
  @ApiPropertyOptional({ enum: types })
  @IsOptional()
  @IsIn(types)
  type?: TransactionType;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Occurred at or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'Occurred before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
