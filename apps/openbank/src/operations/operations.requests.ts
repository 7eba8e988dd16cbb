import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class IdleStreamsRequest {
  @ApiPropertyOptional({ type: 'integer', example: 30, minimum: 0, default: 30, description: 'No event for at least this many days.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36_500)
  days = 30;

  @ApiPropertyOptional({ example: 'account', description: 'Only streams of this category.' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9]*$/)
  category?: string;

  @ApiPropertyOptional({ type: 'integer', example: 100, minimum: 1, maximum: 1000, default: 100 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

export class ParkedEventsRequest {
  @ApiPropertyOptional({ example: 'bank-account-details' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subscription?: string;
}
