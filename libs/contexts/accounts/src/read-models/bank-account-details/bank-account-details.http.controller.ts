import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'List accounts', description: 'Staff only. A page of every account (page_size up to 100), from the read model.', operationId: 'listBankAccounts' })
  @ApiPageResponse(BankAccountResponse)
  @ApiProblems(400, 503)
  list(@QueryParams() page: PageQuery): Promise<Page<BankAccountResponse>> {
    return this.page(new ListBankAccountsQuery(page));
  }

  @Get('by-owner/:ownerId')
  @Access.owner(param('person', 'ownerId'))
  @ApiParam({ name: 'ownerId', description: "The owner's person id (in the examples: Alice's)", example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' })
  @ApiOperation({
    summary: "List one owner's accounts",
    description: "Staff, or the customer who is this person. The person's accounts, a page at a time, from the read model.",
    operationId: 'listBankAccountsByOwner',
  })
  @ApiPageResponse(BankAccountResponse)
  @ApiProblems(400, 503)
  byOwner(@UuidParam('ownerId') ownerId: string, @QueryParams() page: PageQuery): Promise<Page<BankAccountResponse>> {
    return this.page(new ListBankAccountsQuery(page, ownerId));
  }

  @Get(':id')
  @Access.owner(param('account'))
  @ApiParam({ name: 'id', description: "The account's id (in the examples: the first account opened)", example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: 'Get an account',
    description: 'Staff, or the customer who owns the account (anyone else gets 404, as for an account that does not exist). From the read model, a few milliseconds behind the commands (compare `revision`).',
    operationId: 'getBankAccount',
  })
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
