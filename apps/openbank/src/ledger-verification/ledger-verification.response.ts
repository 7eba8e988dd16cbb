import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const differenceKinds = [
  'BALANCE_MISMATCH',
  'TRANSACTION_COUNT_MISMATCH',
  'STATUS_MISMATCH',
  'ACCOUNT_MISSING_FROM_READ_MODEL',
  'READ_MODEL_BEHIND',
  'READ_MODEL_STALE',
  'READ_MODEL_NOT_CAUGHT_UP',
  'RECORDED_BALANCE_MISMATCH',
  'CONSERVATION_VIOLATED',
  'TRANSFER_NOT_SETTLED',
  'TRANSFER_UNBALANCED',
  'TRANSFER_LEG_WITHOUT_TRANSFER',
  'UNREADABLE_EVENT',
] as const;

export type DifferenceKind = (typeof differenceKinds)[number];

export class LedgerDifferenceResponse {
  @ApiProperty({ enum: differenceKinds, example: 'BALANCE_MISMATCH' }) kind!: DifferenceKind;
  @ApiProperty({ example: 'account 4f0e… has 9999.99 EUR in the read model, 12.00 EUR in the event store' }) detail!: string;
  @ApiPropertyOptional({ format: 'uuid' }) account_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) transfer_id?: string;
  @ApiPropertyOptional({ example: 'bank-account-details' }) projection?: string;
  @ApiPropertyOptional({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream?: string;
  @ApiPropertyOptional({ example: 'EUR' }) currency?: string;
  @ApiPropertyOptional({ example: '12.00', description: 'What the event store says.' }) expected?: string;
  @ApiPropertyOptional({ example: '9999.99', description: 'What was found instead.' }) actual?: string;
}

export class CurrencyTotalsResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '1500.00' }) deposits!: string;
  @ApiProperty({ example: '4.11' }) interest!: string;
  @ApiProperty({ example: '200.00' }) withdrawals!: string;
  @ApiProperty({ example: '0.00', description: 'Debited from a source, not yet credited nor given back (transfers still on their way).' }) in_flight!: string;
  @ApiProperty({ example: '1304.11', description: 'deposits + interest − withdrawals − in flight' }) expected_balance_sum!: string;
  @ApiProperty({ example: '1304.11', description: 'Sum of the balances the accounts recorded in the event store.' }) event_store_balance_sum!: string;
  @ApiProperty({ example: '1304.11', description: 'Sum of the balances in the accounts read model.' }) read_model_balance_sum!: string;
  @ApiProperty() conserved!: boolean;
}

export class AccountsCheckedResponse {
  @ApiProperty({ example: 30 }) checked!: number;
  @ApiProperty({ example: 30 }) matching!: number;
  @ApiProperty({ example: 0, description: 'Read model documents already past the verified position (changed while checking): compared no further.' })
  changed_during_check!: number;
}

export class TransfersCheckedResponse {
  @ApiProperty({ example: 12 }) checked!: number;
  @ApiProperty({ example: 10 }) completed!: number;
  @ApiProperty({ example: 2, description: 'Failed, the source never debited or given its money back (compensated).' }) failed!: number;
  @ApiProperty({ example: 0, description: 'Started during the check and still on their way (not a difference).' }) in_flight!: number;
}

export class LedgerVerificationResponse {
  @ApiProperty({ description: 'True when no difference was found.' }) ok!: boolean;
  @ApiProperty({ format: 'date-time' }) checked_at!: string;
  @ApiPropertyOptional({ example: '128934', description: 'Commit position of $all the ledger was recomputed up to.' }) position?: string;
  @ApiProperty({ example: 1204 }) events_read!: number;
  @ApiProperty({ example: 850 }) duration_ms!: number;
  @ApiProperty({ description: 'The accounts read model had processed every event up to the position before it was compared.' }) read_models_caught_up!: boolean;
  @ApiProperty({ type: AccountsCheckedResponse }) accounts!: AccountsCheckedResponse;
  @ApiProperty({ type: TransfersCheckedResponse }) transfers!: TransfersCheckedResponse;
  @ApiProperty({ type: [CurrencyTotalsResponse] }) totals!: CurrencyTotalsResponse[];
  @ApiProperty({ example: 0 }) difference_count!: number;
  @ApiProperty({ type: [LedgerDifferenceResponse], description: 'The first 1,000 differences.' }) differences!: LedgerDifferenceResponse[];
}
