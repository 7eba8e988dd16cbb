import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, actsFor } from '@openbank/auth';
import type { CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext, UuidParam } from '@openbank/http-api';
import { AccountMovementRequest } from '../account-movement.request.dto.js';
import { MoneyMovementRequest } from '../money-movement.request.dto.js';
import type { RecordedAccountTransaction } from '../recorded-transaction.js';
import { TransactionResponse } from '../transaction.response.js';
import { DepositMoneyCommand } from './deposit.command.js';

@ApiTags('transactions')
@Controller('api/v1')
export class DepositHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('transactions/deposit')
  @Access.authenticated()
  @HttpCode(201)
  @ApiOperation({ summary: 'Deposit money into an account', operationId: 'deposit' })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async deposit(@Body() body: AccountMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return this.answer(await this.commands.execute(new DepositMoneyCommand(body.account_id, body.amount, body.description ?? '', context)), context);
  }

  @Post('accounts/:id/deposit')
  @Access.authenticated()
  @HttpCode(201)
  @ApiOperation({ summary: 'Deposit money into this account', operationId: 'depositIntoAccount' })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async depositInto(@UuidParam('id') id: string, @Body() body: MoneyMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return this.answer(await this.commands.execute(new DepositMoneyCommand(id, body.amount, body.description ?? '', context)), context);
  }

  private answer(recorded: RecordedAccountTransaction, context: CommandContext): TransactionResponse {
    return TransactionResponse.of(recorded, actsFor(context.principal, recorded.ownerId));
  }
}
