import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiProblems } from '@openbank/http-api';
import { StoreFigures } from './store-figures.js';
import { StoreFiguresResponse } from './store-figures.response.js';

/**
 * The stores' figures, for admins only: how much a bank holds is nobody else's business. `GET
 * /health` stays public and answers only whether each store and subscription is up, quickly.
 */
@ApiTags('operations')
@Controller('api/v1/admin/stores')
export class StoreFiguresHttpController {
  constructor(private readonly figures: StoreFigures) {}

  @Get()
  @Access.admin()
  @ApiOperation({
    summary: 'The stores’ figures: the event log’s head, streams and events, the documents of each read-model collection, the database’s size',
    description: 'Counts of accounts, transactions and transfers for staff are in `GET /api/v1/stats`.',
    operationId: 'getStoreFigures',
  })
  @ApiOkResponse({ type: StoreFiguresResponse })
  @ApiProblems(503)
  get(): Promise<StoreFiguresResponse> {
    return this.figures.figures();
  }
}
