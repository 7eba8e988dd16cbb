import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, UuidParam, type Page } from '@openbank/http-api';
import { AccountTransactionResponse } from './account-transaction.response.js';
import { ListAccountTransactionsQuery } from './list-account-transactions.query.js';
import { ListAccountTransactionsRequest, transactionFilterOf } from './list-account-transactions.request.dto.js';
import { Access, param } from '@openbank/auth';

@ApiTags('transactions')
@Controller('api/v1/accounts')
export class AccountTransactionsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/transactions')
  @Access.owner(param('account'))
  @ApiOperation({ summary: "An account's transactions, newest first", operationId: 'listAccountTransactions' })
  @ApiPageResponse(AccountTransactionResponse)
  @ApiProblems(400, 404, 503)
  async list(@UuidParam('id') id: string, @QueryParams() request: ListAccountTransactionsRequest): Promise<Page<AccountTransactionResponse>> {
    const page = await this.queries.execute(new ListAccountTransactionsQuery(id, request, transactionFilterOf(request)));
    return { ...page, items: page.items.map(AccountTransactionResponse.of) };
  }
}
