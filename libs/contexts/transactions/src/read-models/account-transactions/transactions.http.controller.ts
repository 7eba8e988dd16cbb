import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiPageResponse, ApiProblems, type Page } from '@openbank/http-api';
import { AccountTransactionResponse } from './account-transaction.response.js';
import { ListTransactionsRequest, transactionFilterOf } from './list-account-transactions.request.dto.js';
import { ListTransactionsQuery } from './list-transactions.query.js';

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class TransactionsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access.staff()
  @ApiOperation({
    summary: "Transactions across accounts, newest first: one account's, of a type, in a period",
    description: 'For bank staff. An `account_id` is a filter: one that does not exist gives an empty page. A customer reads their own with `GET /api/v1/accounts/{id}/transactions`.',
    operationId: 'listTransactions',
  })
  @ApiPageResponse(AccountTransactionResponse)
  @ApiProblems(400, 503)
  async list(@QueryParams() request: ListTransactionsRequest): Promise<Page<AccountTransactionResponse>> {
    const filter = { ...transactionFilterOf(request), ...(request.account_id ? { accountId: request.account_id } : {}) };
    const page = await this.queries.execute(new ListTransactionsQuery(request, filter));
    return { ...page, items: page.items.map(AccountTransactionResponse.of) };
  }
}
