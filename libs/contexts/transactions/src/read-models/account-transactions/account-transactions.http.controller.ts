import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the first account opened)", example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: "An account's transactions, newest first",
    description: 'Staff, or the customer who owns the account. A page of its transactions, newest first, of one type and in a period when asked; from the read model.',
    operationId: 'listAccountTransactions',
  })
  @ApiPageResponse(AccountTransactionResponse)
  @ApiProblems(400, 404, 503)
  async list(@UuidParam('id') id: string, @QueryParams() request: ListAccountTransactionsRequest): Promise<Page<AccountTransactionResponse>> {
    const page = await this.queries.execute(new ListAccountTransactionsQuery(id, request, transactionFilterOf(request)));
    return { ...page, items: page.items.map(AccountTransactionResponse.of) };
  }
}
