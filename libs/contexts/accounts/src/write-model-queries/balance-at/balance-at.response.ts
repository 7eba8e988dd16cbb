import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BalanceAtResponse {
  @ApiProperty({ format: 'uuid' }) account_id!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', format: 'date-time' }) at!: string;
  @ApiProperty({ example: '1000.00' }) balance!: string;
  @ApiProperty({ example: '500.00' }) overdraft_limit!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED'] }) status!: string;
  @ApiProperty({ example: 1, description: 'Revision of the last event at or before the instant.' }) revision!: number;
  @ApiPropertyOptional({ example: '2026-11-22T09:58:12.000Z', format: 'date-time', description: 'When that event occurred.' }) as_of?: string;
}
