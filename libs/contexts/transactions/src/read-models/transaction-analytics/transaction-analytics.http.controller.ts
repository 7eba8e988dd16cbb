import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, RequestValidationFailed } from '@openbank/http-api';
import { TransactionAnalyticsQuery } from './transaction-analytics.query.js';
import { TransactionAnalyticsRequest } from './transaction-analytics.request.dto.js';
import { TransactionAnalyticsResponse } from './transaction-analytics.response.js';
import { Access } from '@openbank/auth';

const maxDays = 366;

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class TransactionAnalyticsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('analytics')
  @Access.staff()
  @ApiOperation({
    summary: 'Per currency: number of transactions, money moved, average transaction, credits and debits (count, total, largest), and a daily breakdown',
    description: 'Days are UTC days, `from` and `to` both included. A period without transactions answers 200 with `total_transactions: 0` and no currencies (or the currency asked for, with zeros).',
    operationId: 'getTransactionAnalytics',
  })
  @ApiOkResponse({ type: TransactionAnalyticsResponse })
  @ApiProblems(400, 503)
  async analytics(@QueryParams() request: TransactionAnalyticsRequest): Promise<TransactionAnalyticsResponse> {
    const days = (Date.parse(request.to) - Date.parse(request.from)) / 86_400_000;
    if (!(days >= 0 && days < maxDays)) {
      throw new RequestValidationFailed([{ field: 'to', message: `to must be a valid date, on or after from and at most ${maxDays} days later` }]);
    }
    const totals = await this.queries.execute(new TransactionAnalyticsQuery(request.from, request.to, request.currency));
    return TransactionAnalyticsResponse.of(request.from, request.to, totals, request.currency);
  }
}
