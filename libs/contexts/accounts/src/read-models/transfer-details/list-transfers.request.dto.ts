import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@openbank/http-api';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import type { TransferStatus } from '../../domain/transfer.js';

const statuses: TransferStatus[] = ['INITIATED', 'SOURCE_DEBITED', 'CREDIT_REFUSED', 'COMPLETED', 'FAILED'];

export class ListTransfersRequest extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f', description: 'Transfers from or to this account (for a customer: one of their own, 404 otherwise).' })
  @IsOptional()
  @IsUUID()
  account_id?: string;

  @ApiPropertyOptional({ enum: statuses, example: 'COMPLETED' })
  @IsOptional()
  @IsIn(statuses)
  status?: TransferStatus;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Initiated at or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'Initiated before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
