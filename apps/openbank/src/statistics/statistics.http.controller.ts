import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiProblems } from '@openbank/http-api';
import { CountTransactionsQuery } from '@openbank/transactions';
import type { Model } from 'mongoose';
import { StreamActivity } from '@openbank/bank';
import { StatisticsResponse } from './statistics.response.js';
import { streamTotals } from './stream-totals.js';

/**
 * Computed when asked, with no document that every event writes to: aggregates and events from
 * the stream-activity read model (a document per stream), transactions from the collection's own
 * count of the transactions read model.
 */
@ApiTags('operations')
@Controller('api/v1/stats')
export class StatisticsHttpController {
  constructor(
    @InjectModel(StreamActivity.name) private readonly activity: Model<StreamActivity>,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Access.staff()
  @ApiOperation({
    summary: 'Counts of aggregates, accounts, transactions, transfers and events',
    description: 'Staff only. Counted from the read models and the event store.',
    operationId: 'getStatistics',
  })
  @ApiOkResponse({ type: StatisticsResponse })
  @ApiProblems(503)
  async get(): Promise<StatisticsResponse> {
    const [{ aggregates, events }, transactions] = await Promise.all([streamTotals(this.activity), this.queries.execute(new CountTransactionsQuery())]);
    return {
      aggregates,
      total_events: events,
      persons: aggregates.Person ?? 0,
      accounts: aggregates.BankAccount ?? 0,
      transactions,
      transfers: aggregates.Transfer ?? 0,
    };
  }
}
