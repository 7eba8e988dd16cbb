import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { PageQuery } from './page.query.js';

export class PageMeta {
  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  page_size!: number;

  @ApiProperty({ example: 42 })
  total_items!: number;

  @ApiProperty({ example: 3 })
  total_pages!: number;
}

export interface Page<T> extends PageMeta {
  items: T[];
}

export function pageOf<T>(items: T[], query: PageQuery, totalItems: number): Page<T> {
  return {
    items,
    page: query.page,
    page_size: query.page_size,
    total_items: totalItems,
    total_pages: Math.ceil(totalItems / query.page_size),
  };
}

/** Documents a 200 answer that is a page of `item`. */
export function ApiPageResponse(item: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageMeta, item),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMeta) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}
