import { ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalAmount } from '@openbank/http-api';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Amount and description, common to deposits and withdrawals. */
export class MoneyMovementRequest {
  @DecimalAmount({ example: '1000.00', description: 'Positive, with at most the currency’s minor-unit digits, not above the configured maximum.' })
  amount!: string;

  @ApiPropertyOptional({ example: 'Initial deposit', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
