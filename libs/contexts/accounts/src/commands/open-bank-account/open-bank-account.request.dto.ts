import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { DecimalAmount } from '@openbank/http-api';
import { IsIn, IsISO4217CurrencyCode, IsOptional, IsUUID } from 'class-validator';
import { accountTypes, type AccountType } from '../../domain/bank-account.events.js';
import type { OpenBankAccount } from '../../domain/bank-account.lifecycle.js';

/** The description of the transaction an initial deposit is recorded as. */
export const openingDepositDescription = 'Opening deposit';

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

  @ApiPropertyOptional({ enum: accountTypes, example: 'SAVINGS', default: 'CHECKING', description: 'What the account is for. No rule of the bank depends on it yet.' })
  @IsOptional()
  @IsIn(accountTypes)
  account_type?: AccountType;

  @DecimalAmount({
    required: false,
    example: '250.00',
    description:
      'Money the account is opened with, recorded as its first transaction (a DEPOSIT described "Opening deposit") in the same append as the opening: ' +
      'held to the rules of any deposit (at most the currency’s minor-unit digits, not above the maximum of one transaction). Customers may give one. Zero or absent: no deposit.',
  })
  @IsOptional()
  initial_deposit?: string;

  /** `depositTransactionId` names the opening deposit's transaction, when there is one. */
  toOpening(defaultOverdraftLimit: string, depositTransactionId: string): OpenBankAccount {
    const deposit = this.initial_deposit !== undefined && Number(this.initial_deposit) !== 0 ? this.initial_deposit : undefined;
    return {
      ownerId: this.owner_id,
      currency: this.currency ?? 'EUR',
      overdraftLimit: this.overdraft_limit ?? defaultOverdraftLimit,
      accountType: this.account_type ?? 'CHECKING',
      ...(deposit !== undefined ? { initialDeposit: { transactionId: depositTransactionId, amount: deposit, description: openingDepositDescription } } : {}),
    };
  }
}
