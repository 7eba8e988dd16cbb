import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
    operationId: 'applyInterest',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async apply(@Body() body: ApplyInterestRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return TransactionResponse.of(await this.commands.execute(new ApplyInterestCommand(body.account_id, body.terms(), body.from, body.to, context)));
  }
}
