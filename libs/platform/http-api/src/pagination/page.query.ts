import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const maxPageSize = 100;

/** `?page=2&page_size=20`: 1-based pages, at most 100 items each. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: maxPageSize, default: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(maxPageSize)
  page_size = 20;

  get skip(): number {
    return (this.page - 1) * this.page_size;
  }
}
