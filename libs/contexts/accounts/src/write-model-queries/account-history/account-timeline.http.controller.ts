import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, RequestValidationFailed, UuidParam } from '@openbank/http-api';
import type { OpenedBankAccount } from '../../domain/bank-account.js';
import { BalanceAtQuery } from '../balance-at/balance-at.query.js';
import { BalanceAtRequest } from '../balance-at/balance-at.request.dto.js';
import { BalanceAtResponse } from '../balance-at/balance-at.response.js';
import { AccountHistoryQuery } from './account-history.query.js';
import { AccountHistoryRequest } from './account-history.request.dto.js';
import { AccountHistoryResponse, HistoryEntryResponse } from './account-history.response.js';
import { Access, param } from '@openbank/auth';

/** Questions about an account's past, answered from its stream. */
@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountTimelineHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @Access.owner(param('account'))
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the first account opened)", example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: "An account's event timeline with the balance after each event",
    description: "Staff, or the customer who owns the account. Every event of the account's stream from `from_revision` (at most `limit`), replayed from the event store, so never behind the commands: its type, when, who did it, and the balance right after it.",
    operationId: 'getAccountHistory',
  })
  @ApiOkResponse({ type: AccountHistoryResponse })
  @ApiProblems(400, 404, 503)
  async history(@UuidParam('id') id: string, @QueryParams() request: AccountHistoryRequest): Promise<AccountHistoryResponse> {
    const page = await this.queries.execute(new AccountHistoryQuery(id, request.from_revision, request.limit));
    return { items: page.entries.map(HistoryEntryResponse.of), ...(page.nextFromRevision !== undefined ? { next_from_revision: page.nextFromRevision } : {}) };
  }

  @Get(':id/balance')
  @Access.owner(param('account'))
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the first account opened)", example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: 'The balance as it was at an instant',
    description: 'Staff, or the customer who owns the account. The account replayed from its stream up to `at` (an ISO 8601 instant, not in the future), from the newest snapshot before it.',
    operationId: 'getBalanceAt',
  })
  @ApiOkResponse({ type: BalanceAtResponse })
  @ApiProblems(400, 404, 503)
  async balanceAt(@UuidParam('id') id: string, @QueryParams() request: BalanceAtRequest): Promise<BalanceAtResponse> {
    const at = new Date(request.at);
    if (at.getTime() > Date.now()) throw new RequestValidationFailed([{ field: 'at', message: 'at must not be in the future' }]);
    const { state, revision, lastOccurredAt } = await this.queries.execute(new BalanceAtQuery(id, at));
    const account = state as OpenedBankAccount;
    return {
      account_id: id,
      at: at.toISOString(),
      balance: account.balance.toDecimalString(),
      overdraft_limit: account.overdraftLimit.toDecimalString(),
      currency: account.currency.code,
      status: account.status,
      revision: Number(revision),
      ...(lastOccurredAt ? { as_of: lastOccurredAt } : {}),
    };
  }
}
