import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, param } from '@openbank/auth';
import { ApiProblems, UuidParam } from '@openbank/http-api';
import { AccountSummaryResponse } from './account-summary.response.js';
import { GetAccountSummaryQuery } from './get-account-summary.query.js';

/** A person's accounts at a glance: about accounts, so kept by the accounts context, and asked for under the person. */
@ApiTags('persons')
@Controller('api/v1/persons')
export class AccountSummaryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/summary')
  @Access.owner(param('person'))
  @ApiParam({ name: 'id', description: "The person's id (in the examples: Alice's, as POST /api/v1/persons answered)", example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' })
  @ApiOperation({
    summary: "A person's accounts at a glance: how many, active and closed, the total balance per currency, the last activity",
    description: 'From the accounts read model (a few milliseconds behind the commands). A registered person without accounts gets zeros and an empty list.',
    operationId: 'getAccountSummary',
  })
  @ApiOkResponse({ type: AccountSummaryResponse })
  @ApiProblems(400, 404, 503)
  async summary(@UuidParam('id') id: string): Promise<AccountSummaryResponse> {
    return AccountSummaryResponse.of(await this.queries.execute(new GetAccountSummaryQuery(id)));
  }
}
