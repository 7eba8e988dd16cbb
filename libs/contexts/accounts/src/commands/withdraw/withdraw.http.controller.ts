import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, bodyField } from '@openbank/auth';
import type { CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext } from '@openbank/http-api';
import { AccountMovementRequest } from '../account-movement.request.dto.js';
import { TransactionResponse } from '../transaction.response.js';
import { WithdrawMoneyCommand } from './withdraw.command.js';

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class WithdrawHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('withdrawal')
  @Access.owner(bodyField('account', 'account_id'), 'forbidden')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Withdraw money from an account, down to minus its overdraft limit',
    description: "Staff, or the customer who owns the account. Refused (422) beyond the balance plus the overdraft limit (INSUFFICIENT_FUNDS), beyond the holder's limits per hour and per day (VELOCITY_LIMIT_EXCEEDED), or from a closed account. Send an Idempotency-Key.",
    operationId: 'withdraw',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async withdraw(@Body() body: AccountMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return TransactionResponse.of(await this.commands.execute(new WithdrawMoneyCommand(body.account_id, body.amount, body.description ?? '', context)));
  }
}
