import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'Deposit money into an account',
    description: "Anyone signed in may deposit into any account (a customer depositing into someone else's account is not shown its balance). Answers the transaction with the balance after it. Send an Idempotency-Key: the same request with the same key is recorded once, and answered again the same way.",
    operationId: 'deposit',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async deposit(@Body() body: AccountMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return this.answer(await this.commands.execute(new DepositMoneyCommand(body.account_id, body.amount, body.description ?? '', context)), context);
  }

  @Post('accounts/:id/deposit')
  @Access.authenticated()
  @HttpCode(201)
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the first account opened)", example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({ summary: 'Deposit money into this account', description: 'POST /api/v1/transactions/deposit with the account in the path.', operationId: 'depositIntoAccount' })
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
