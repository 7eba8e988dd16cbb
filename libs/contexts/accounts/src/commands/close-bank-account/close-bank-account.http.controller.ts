import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Close an account whose balance is zero', operationId: 'closeBankAccount' })
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
