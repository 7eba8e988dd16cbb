import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_GENERATOR, newIdFor, type CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext } from '@openbank/http-api';
import type { IdGenerator } from '@openbank/shared-kernel';
import { BankAccountResponse } from '../../read-models/bank-account-details/bank-account.response.js';
import { bankAccountAnswer } from '../bank-account-command-result.js';
import { OpenBankAccountCommand } from './open-bank-account.command.js';
import { OpenBankAccountRequest } from './open-bank-account.request.dto.js';
import { Access, AccessDenied, bodyField, isStaff } from '@openbank/auth';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class OpenBankAccountHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  @Post()
  @Access.owner(bodyField('person', 'owner_id'), 'forbidden')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Open a bank account for a registered person',
    description: 'A CHECKING account unless `account_type` says SAVINGS; with `initial_deposit`, the opening deposit is recorded in the same append as the opening.',
    operationId: 'openBankAccount',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: BankAccountResponse })
  @ApiProblems(400, 409, 422, 503)
  async open(@Body() body: OpenBankAccountRequest, @RequestCommandContext() context: CommandContext): Promise<BankAccountResponse> {
    // Credit is the bank's decision: a customer opening their own account gets the default limit.
    if (body.overdraft_limit !== undefined && !isStaff(context.principal)) throw new AccessDenied('only bank staff may set an overdraft limit');
    // Money coming in: a customer may open their own account with a deposit, as they may deposit into it afterwards.
    const opening = body.toOpening(this.options.defaultOverdraftLimit, newIdFor(context, 'opening-deposit', this.ids));
    const result = await this.commands.execute(new OpenBankAccountCommand(newIdFor(context, 'bank-account', this.ids), opening, context));
    return bankAccountAnswer(result);
  }
}
