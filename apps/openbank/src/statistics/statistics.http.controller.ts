import { Controller, Get } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiProblems } from '@openbank/http-api';
import type { Model } from 'mongoose';
import { StoreStatistics, totalsId } from './store-statistics.schema.js';
import { StatisticsResponse } from './statistics.response.js';

@ApiTags('operations')
@Controller('api/v1/stats')
export class StatisticsHttpController {
  constructor(@InjectModel(StoreStatistics.name) private readonly statistics: Model<StoreStatistics>) {}

  @Get()
  @Access.staff()
  @ApiOperation({ summary: 'Counts of aggregates and events', operationId: 'getStatistics' })
  @ApiOkResponse({ type: StatisticsResponse })
  @ApiProblems(503)
  async get(): Promise<StatisticsResponse> {
    const totals = await this.statistics.findById(totalsId).lean().exec();
    const aggregates = totals?.aggregates ?? {};
    return { aggregates, total_events: totals?.total_events ?? 0, persons: aggregates.Person ?? 0, accounts: aggregates.BankAccount ?? 0 };
  }
}
