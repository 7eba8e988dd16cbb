import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext } from '@openbank/http-api';
import { TransactionResponse } from '../transaction.response.js';
import { ApplyInterestCommand } from './apply-interest.command.js';
import { ApplyInterestRequest } from './apply-interest.request.dto.js';
import { Access } from '@openbank/auth';

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class ApplyInterestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('interest')
  @Access.staff()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Credit interest for a period, from a yearly rate (simple interest on daily closing balances, ACT/365, rounded half to even) or an amount',
    description: "Staff only. For whole days that have ended (`from` included, `to` excluded), periods paid in order (INTEREST_PERIOD_ALREADY_PAID otherwise): from a yearly rate on each day's closing balance (ACT/365, rounded once, half to even) or an explicit amount; give one of the two.",
    operationId: 'applyInterest',
  })
  @ApiBody({
    type: ApplyInterestRequest,
    // Whole examples rather than one made of every field's: a rate and an amount together are refused.
    examples: {
      amount: { summary: 'An amount for October', value: { account_id: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f', amount: '4.11', from: '2026-10-01', to: '2026-11-01' } },
      rate: { summary: 'A yearly rate for November', value: { account_id: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f', annual_rate: '0.05', from: '2026-11-01', to: '2026-12-01' } },
    },
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async apply(@Body() body: ApplyInterestRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return TransactionResponse.of(await this.commands.execute(new ApplyInterestCommand(body.account_id, body.terms(), body.from, body.to, context)));
  }
}
