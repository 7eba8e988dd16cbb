import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type Page, PageQuery, UuidParam } from '@openbank/http-api';
import { BankAccountResponse } from './bank-account.response.js';
import { GetBankAccountQuery } from './get-bank-account.query.js';
import { ListBankAccountsQuery } from './list-bank-accounts.query.js';
import { Access, param } from '@openbank/auth';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class BankAccountDetailsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access.staff()
  @ApiOperation({ summary: 'List accounts', operationId: 'listBankAccounts' })
  @ApiPageResponse(BankAccountResponse)
  @ApiProblems(400, 503)
  list(@QueryParams() page: PageQuery): Promise<Page<BankAccountResponse>> {
    return this.page(new ListBankAccountsQuery(page));
  }

  @Get('by-owner/:ownerId')
  @Access.owner(param('person', 'ownerId'))
  @ApiOperation({ summary: "List one owner's accounts", operationId: 'listBankAccountsByOwner' })
  @ApiPageResponse(BankAccountResponse)
  @ApiProblems(400, 503)
  byOwner(@UuidParam('ownerId') ownerId: string, @QueryParams() page: PageQuery): Promise<Page<BankAccountResponse>> {
    return this.page(new ListBankAccountsQuery(page, ownerId));
  }

  @Get(':id')
  @Access.owner(param('account'))
  @ApiOperation({ summary: 'Get an account', operationId: 'getBankAccount' })
  @ApiOkResponse({ type: BankAccountResponse })
  @ApiProblems(400, 404, 503)
  async get(@UuidParam('id') id: string): Promise<BankAccountResponse> {
    return BankAccountResponse.fromDocument(await this.queries.execute(new GetBankAccountQuery(id)));
  }

  private async page(query: ListBankAccountsQuery): Promise<Page<BankAccountResponse>> {
    const page = await this.queries.execute(query);
    return { ...page, items: page.items.map(BankAccountResponse.fromDocument) };
  }
}
