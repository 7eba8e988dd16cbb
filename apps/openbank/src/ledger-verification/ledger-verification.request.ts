import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class LedgerVerificationRequest {
  @ApiPropertyOptional({ type: 'integer', example: 10, minimum: 0, maximum: 120, default: 10, description: 'Seconds transfers already on their way may take to settle before they count as a difference.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120)
  settle_seconds = 10;

  @ApiPropertyOptional({ type: 'integer', example: 30, minimum: 0, maximum: 300, default: 30, description: 'Seconds the accounts read model may take to catch up with the event store before it is compared.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  catch_up_seconds = 30;
}
