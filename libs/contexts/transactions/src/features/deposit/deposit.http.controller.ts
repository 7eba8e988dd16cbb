import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RecordedAccountTransaction } from '@openbank/accounts';
import type { CommandContext } from '@openbank/event-sourcing';
import { ApiProblems, RequestCommandContext, UuidParam } from '@openbank/http-api';
import { AccountMovementRequest } from '../account-movement.request.dto.js';
import { MoneyMovementRequest } from '../money-movement.request.dto.js';
import { TransactionResponse } from '../transaction.response.js';
import { DepositCommand } from './deposit.command.js';
import { Access, actsFor } from '@openbank/auth';

const idempotencyKey = { name: 'Idempotency-Key', required: false, description: 'Makes a retried request safe: the same key and body give the same answer, once.' };

@ApiTags('transactions')
@Controller('api/v1')
export class DepositHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('transactions/deposit')
  @Access.authenticated()
  @HttpCode(201)
  @ApiOperation({ summary: 'Deposit money into an account', operationId: 'deposit' })
  @ApiHeader(idempotencyKey)
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async deposit(@Body() body: AccountMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return this.answer(await this.commands.execute(new DepositCommand(body.account_id, body.amount, body.description ?? '', context)), context);
  }

  @Post('accounts/:id/deposit')
  @Access.authenticated()
  @HttpCode(201)
  @ApiOperation({ summary: 'Deposit money into this account', operationId: 'depositIntoAccount' })
  @ApiHeader(idempotencyKey)
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async depositInto(@UuidParam('id') id: string, @Body() body: MoneyMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return this.answer(await this.commands.execute(new DepositCommand(id, body.amount, body.description ?? '', context)), context);
  }

  private answer(recorded: RecordedAccountTransaction, context: CommandContext): TransactionResponse {
    return TransactionResponse.of(recorded, actsFor(context.principal, recorded.ownerId));
  }
}
