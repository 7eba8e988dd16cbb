import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class BalanceAtRequest {
  @ApiProperty({ example: '2026-11-22T10:00:00Z', format: 'date-time', description: 'An instant, not in the future.' })
  @IsISO8601({ strict: true })
  at!: string;
}
