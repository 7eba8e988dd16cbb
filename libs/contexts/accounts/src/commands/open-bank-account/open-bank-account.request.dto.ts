import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { DecimalAmount } from '@openbank/http-api';
import { IsISO4217CurrencyCode, IsOptional, IsUUID } from 'class-validator';
import type { OpenBankAccount } from '../../domain/bank-account.lifecycle.js';

export class OpenBankAccountRequest {
  @ApiProperty({ format: 'uuid', example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10', description: 'The registered person who owns the account.' })
  @IsUUID()
  owner_id!: string;

  @DecimalAmount({
    required: false,
    example: '500.00',
    description: "How far the balance may go below zero (≥ 0). Only bank staff may set it; without it the account gets the bank's default limit.",
  })
  @IsOptional()
  overdraft_limit?: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR', description: 'ISO 4217 currency code.' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  currency?: string;

  toOpening(defaultOverdraftLimit: string): OpenBankAccount {
    return { ownerId: this.owner_id, currency: this.currency ?? 'EUR', overdraftLimit: this.overdraft_limit ?? defaultOverdraftLimit };
  }
}
