import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Money } from '@openbank/shared-kernel';
import type { TransferStatus } from '../../domain/transfer.js';
import type { TransferDetails, TransferStepName } from './transfer-details.schema.js';

export class TransferStepResponse {
  @ApiProperty({ enum: ['INITIATED', 'SOURCE_DEBITED', 'TARGET_CREDITED', 'CREDIT_REFUSED', 'DEBIT_REVERSED', 'COMPLETED', 'FAILED'] }) step!: TransferStepName;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The account transaction this step recorded.' }) transaction_id?: string;
  @ApiPropertyOptional({ example: 'BANK_ACCOUNT_CLOSED' }) code?: string;
  @ApiPropertyOptional() reason?: string;
}

export class TransferFailureResponse {
  @ApiProperty({ example: 'BANK_ACCOUNT_CLOSED' }) code!: string;
  @ApiProperty({ example: 'bank account … is closed' }) reason!: string;
  @ApiProperty({ description: 'True when the source had been debited and got the money back.' }) compensated!: boolean;
}

export class TransferResponse {
  @ApiProperty({ format: 'uuid', example: '2c9a4f1e-6b3d-4e8a-9f0c-5d7e1a2b3c4d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) from_account_id!: string;
  @ApiProperty({ format: 'uuid', example: '7d1c2b3a-5e6f-4a1b-9c8d-0e1f2a3b4c5d' }) to_account_id!: string;
  @ApiProperty({ example: '250.00' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'Rent share' }) description!: string;
  @ApiProperty({ enum: ['INITIATED', 'SOURCE_DEBITED', 'CREDIT_REFUSED', 'COMPLETED', 'FAILED'] }) status!: TransferStatus;
  @ApiPropertyOptional({ type: TransferFailureResponse }) failure?: TransferFailureResponse;
  @ApiProperty({ type: [TransferStepResponse], description: 'Each step the transfer took, with its time.' }) steps!: TransferStepResponse[];
  @ApiProperty({ format: 'date-time' }) initiated_at!: string;
  @ApiProperty({ example: 3, description: 'Revision of the transfer stream this representation reflects.' }) revision!: number;

  static fromDocument(document: TransferDetails): TransferResponse {
    return {
      id: document._id,
      from_account_id: document.from_account_id,
      to_account_id: document.to_account_id,
      amount: Money.ofMinor(document.amount_minor, document.currency).toDecimalString(),
      currency: document.currency,
      description: document.description,
      status: document.status,
      ...(document.status === 'FAILED' ? { failure: { code: document.failure_code!, reason: document.failure_reason!, compensated: document.compensated ?? false } } : {}),
      steps: document.steps.map((step) => ({ ...step, at: step.at.toISOString() })),
      initiated_at: document.initiated_at.toISOString(),
      revision: document.last_revision,
    };
  }
}
