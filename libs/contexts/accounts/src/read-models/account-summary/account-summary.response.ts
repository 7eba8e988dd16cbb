import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountSummary } from './account-summary.js';

export class CurrencyTotalResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '1050.00', description: 'The sum of the balances of the owner’s accounts in this currency (closed accounts included).' }) total_balance!: string;
  @ApiProperty({ example: 2, description: 'How many of the owner’s accounts hold this currency.' }) accounts!: number;
}

export class AccountSummaryResponse {
  @ApiProperty({ format: 'uuid', example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' }) owner_id!: string;
  @ApiProperty({ example: 'Alice Smith', description: "The owner's full name." }) owner!: string;
  @ApiProperty({ example: 3, description: 'Every account the person owns, open or closed.' }) total_accounts!: number;
  @ApiProperty({ example: 2 }) active_accounts!: number;
  @ApiProperty({ example: 1 }) closed_accounts!: number;
  @ApiProperty({
    type: [CurrencyTotalResponse],
    description: 'One total per currency, by currency code: amounts of different currencies are never added up. Empty while the person has no account.',
    example: [
      { currency: 'EUR', total_balance: '1050.00', accounts: 2 },
      { currency: 'USD', total_balance: '20.00', accounts: 1 },
    ],
  })
  total_balances!: CurrencyTotalResponse[];
  @ApiPropertyOptional({ example: '2026-11-22T10:05:00.000Z', format: 'date-time', description: 'When the last event on any of the accounts happened; absent while the person has no account.' })
  last_activity_at?: string;

  static of(summary: AccountSummary): AccountSummaryResponse {
    return {
      owner_id: summary.ownerId,
      owner: summary.owner,
      total_accounts: summary.totalAccounts,
      active_accounts: summary.activeAccounts,
      closed_accounts: summary.closedAccounts,
      total_balances: summary.balances.map(({ currency, balance, accounts }) => ({ currency, total_balance: balance.toDecimalString(), accounts })),
      ...(summary.lastActivityAt ? { last_activity_at: summary.lastActivityAt.toISOString() } : {}),
    };
  }
}
