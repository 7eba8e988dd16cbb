import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { MoneyMovementRequest } from './money-movement.request.dto.js';

/** A deposit or withdrawal naming its account in the body. */
export class AccountMovementRequest extends MoneyMovementRequest {
  @ApiProperty({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @IsUUID()
  account_id!: string;
}
