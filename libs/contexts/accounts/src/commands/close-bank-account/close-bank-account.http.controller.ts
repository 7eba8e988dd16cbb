import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@openbank/event-sourcing';
import { ApiProblems, RequestCommandContext, UuidParam } from '@openbank/http-api';
import { BankAccountResponse } from '../../read-models/bank-account-details/bank-account.response.js';
import { bankAccountAnswer } from '../bank-account-command-result.js';
import { CloseBankAccountCommand } from './close-bank-account.command.js';
import { CloseBankAccountRequest } from './close-bank-account.request.dto.js';
import { Access, param } from '@openbank/auth';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class CloseBankAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @Access.owner(param('account'), 'forbidden')
  @HttpCode(200)
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the second account opened)", example: '7d1c2b3a-5e6f-4a1b-9c8d-0e1f2a3b4c5d' })
  @ApiOperation({
    summary: 'Close an account whose balance is zero',
    description: 'Staff, or the customer who owns the account. Only an account whose balance is zero can be closed (BALANCE_NOT_ZERO otherwise); no money moves in or out of it after that. The example closes the second account: withdraw what the transfer put there first.',
    operationId: 'closeBankAccount',
  })
  @ApiOkResponse({ type: BankAccountResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async close(
    @UuidParam('id') id: string,
    @Body() body: CloseBankAccountRequest,
    @RequestCommandContext() context: CommandContext,
  ): Promise<BankAccountResponse> {
    const result = await this.commands.execute(new CloseBankAccountCommand(id, body.reason, context));
    return bankAccountAnswer(result);
  }
}
