import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@openbank/event-sourcing';
import { ApiProblems, RequestCommandContext } from '@openbank/http-api';
import { AccountMovementRequest } from '../account-movement.request.dto.js';
import { TransactionResponse } from '../transaction.response.js';
import { WithdrawCommand } from './withdraw.command.js';
import { Access, bodyField } from '@openbank/auth';

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class WithdrawHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('withdrawal')
  @Access.owner(bodyField('account', 'account_id'), 'forbidden')
  @HttpCode(201)
  @ApiOperation({ summary: 'Withdraw money from an account, down to minus its overdraft limit', operationId: 'withdraw' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried request safe: the same key and body give the same answer, once.' })
  @ApiCreatedResponse({ type: TransactionResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async withdraw(@Body() body: AccountMovementRequest, @RequestCommandContext() context: CommandContext): Promise<TransactionResponse> {
    return TransactionResponse.of(await this.commands.execute(new WithdrawCommand(body.account_id, body.amount, body.description ?? '', context)));
  }
}
