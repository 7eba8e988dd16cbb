import { ApiPropertyOptional } from '@nestjs/swagger';
import type { TransactionType } from '@openbank/accounts';
import { PageQuery } from '@openbank/http-api';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import type { TransactionFilter } from './list-account-transactions.query.js';

const types: TransactionType[] = ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'INTEREST'];

export class ListAccountTransactionsRequest extends PageQuery {
  @ApiPropertyOptional({ enum: types, example: 'DEPOSIT' })
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

/** Every account's transactions, or one account's. */
export class ListTransactionsRequest extends ListAccountTransactionsRequest {
  @ApiPropertyOptional({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f', description: "Only this account's transactions." })
  @IsOptional()
  @IsUUID()
  account_id?: string;
}

/** The filter a request's type and period ask for. */
export function transactionFilterOf(request: ListAccountTransactionsRequest): TransactionFilter {
  return {
    ...(request.type ? { type: request.type } : {}),
    ...(request.from ? { from: new Date(request.from) } : {}),
    ...(request.to ? { to: new Date(request.to) } : {}),
  };
}
