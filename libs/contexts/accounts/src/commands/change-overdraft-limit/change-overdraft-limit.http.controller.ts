import { Body, Controller, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@openbank/event-sourcing';
import { ApiProblems, RequestCommandContext, UuidParam } from '@openbank/http-api';
import { BankAccountResponse } from '../../read-models/bank-account-details/bank-account.response.js';
import { bankAccountAnswer } from '../bank-account-command-result.js';
import { ChangeOverdraftLimitCommand } from './change-overdraft-limit.command.js';
import { ChangeOverdraftLimitRequest } from './change-overdraft-limit.request.dto.js';
import { Access } from '@openbank/auth';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class ChangeOverdraftLimitHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/overdraft-limit')
  @Access.staff()
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the first account opened)", example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: "Change an account's overdraft limit",
    description: 'Staff only. The new limit must still cover what the account is overdrawn by (OVERDRAFT_LIMIT_BELOW_USAGE otherwise).',
    operationId: 'changeOverdraftLimit',
  })
  @ApiOkResponse({ type: BankAccountResponse })
  @ApiProblems(400, 404, 409, 422, 503)
  async change(
    @UuidParam('id') id: string,
    @Body() body: ChangeOverdraftLimitRequest,
    @RequestCommandContext() context: CommandContext,
  ): Promise<BankAccountResponse> {
    const result = await this.commands.execute(new ChangeOverdraftLimitCommand(id, body.overdraft_limit, context));
    return bankAccountAnswer(result);
  }
}
