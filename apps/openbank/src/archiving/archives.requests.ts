import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** A stream name as the admin routes take it (`account-<id>`). */
export const streamNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export class DueStreamsRequest {
  @ApiPropertyOptional({ type: 'integer', example: 100, minimum: 1, maximum: 10000, default: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit = 1000;
}

export class ArchiveListRequest extends DueStreamsRequest {
  @ApiPropertyOptional({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f', description: 'Only the archives of streams named after this one (the last of the previous page).' })
  @IsOptional()
  @Matches(streamNamePattern, { message: 'after must be a stream name such as account-<id>' })
  after?: string;
}
