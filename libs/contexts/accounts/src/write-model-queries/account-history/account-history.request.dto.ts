import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class AccountHistoryRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'First revision to return.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from_revision = 0;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;
}
