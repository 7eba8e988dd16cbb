import { Controller, Get } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiProblems } from '@openbank/http-api';
import type { Model } from 'mongoose';
import { StreamActivity } from '@openbank/bank';
import { StatisticsResponse } from './statistics.response.js';

/** Computed over the stream-activity read model (a document per stream) when asked. */
@ApiTags('operations')
@Controller('api/v1/stats')
export class StatisticsHttpController {
  constructor(@InjectModel(StreamActivity.name) private readonly activity: Model<StreamActivity>) {}

  @Get()
  @Access.staff()
  @ApiOperation({ summary: 'Counts of aggregates and events', operationId: 'getStatistics' })
  @ApiOkResponse({ type: StatisticsResponse })
  @ApiProblems(503)
  async get(): Promise<StatisticsResponse> {
    const byType = await this.activity.aggregate<{ _id: string; streams: number; events: number }>([
      { $group: { _id: '$aggregate_type', streams: { $sum: 1 }, events: { $sum: '$events' } } },
      { $sort: { _id: 1 } },
    ]);
    const aggregates = Object.fromEntries(byType.filter(({ _id }) => _id).map(({ _id, streams }) => [_id, streams]));
    const totalEvents = byType.reduce((sum, { events }) => sum + events, 0);
    return { aggregates, total_events: totalEvents, persons: aggregates.Person ?? 0, accounts: aggregates.BankAccount ?? 0 };
  }
}
