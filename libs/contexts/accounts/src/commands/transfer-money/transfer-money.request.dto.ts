import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalAmount } from '@openbank/http-api';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { TransferRequest } from '../../domain/transfer.js';

export class TransferMoneyRequest {
  @ApiProperty({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @IsUUID()
  from_account_id!: string;

  @ApiProperty({ format: 'uuid', example: '7d1c2b3a-5e6f-4a1b-9c8d-0e1f2a3b4c5d' })
  @IsUUID()
  to_account_id!: string;

  @DecimalAmount({ example: '250.00', description: 'In the currency of both accounts.' })
  amount!: string;

  @ApiPropertyOptional({ example: 'Rent share', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  toRequest(): TransferRequest {
    return { fromAccountId: this.from_account_id, toAccountId: this.to_account_id, amount: this.amount, description: this.description ?? '' };
  }
}
