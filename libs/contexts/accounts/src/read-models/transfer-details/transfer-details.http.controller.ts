import { Controller, Get, Query as QueryParams, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, UuidParam, type Page } from '@openbank/http-api';
import type { FastifyRequest } from 'fastify';
import { GetTransferQuery } from './get-transfer.query.js';
import { ListTransfersQuery } from './list-transfers.query.js';
import { ListTransfersRequest } from './list-transfers.request.dto.js';
import { TransferResponse } from './transfer.response.js';
import { Access, isStaff, param, type AuthenticatedPrincipal } from '@openbank/auth';

@ApiTags('transactions')
@Controller('api/v1/transactions/transfers')
export class TransferDetailsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access.owner({ kind: 'account', in: 'query', name: 'account_id' })
  @ApiOperation({
    summary: 'Transfers, newest first: from or to an account, of a status, initiated in a period',
    description:
      'Staff see every transfer. A customer sees only the transfers from or to their own accounts: all of them, or those of the `account_id` named, which must be theirs (404 otherwise, as for an account that does not exist).',
    operationId: 'listTransfers',
  })
  @ApiPageResponse(TransferResponse)
  @ApiProblems(400, 503)
  async list(@QueryParams() request: ListTransfersRequest, @Req() { principal }: FastifyRequest): Promise<Page<TransferResponse>> {
    const filter = {
      ...(request.account_id ? { accountId: request.account_id } : {}),
      ...(request.status ? { status: request.status } : {}),
      ...(request.from ? { from: new Date(request.from) } : {}),
      ...(request.to ? { to: new Date(request.to) } : {}),
    };
    // Only staff see every transfer; anyone else (a customer) only those of their own person.
    const customer = principal && isStaff(principal) ? undefined : { personId: (principal as AuthenticatedPrincipal | undefined)?.personId };
    const page = await this.queries.execute(new ListTransfersQuery(request, filter, customer));
    return { ...page, items: page.items.map(TransferResponse.fromDocument) };
  }

  @Get(':id')
  @Access.owner(param('transfer'))
  @ApiParam({ name: 'id', description: "The transfer's id (in the examples: the transfer POST /api/v1/transactions/transfer answered)", example: '2c9a4f1e-6b3d-4e8a-9f0c-5d7e1a2b3c4d' })
  @ApiOperation({
    summary: 'A transfer: its state and each step it took',
    description: 'Staff, or a customer who owns one of its two accounts. Its status and each step with when it happened: on a store with atomic appends a transfer is COMPLETED at once, otherwise the transfer process moves it on.',
    operationId: 'getTransfer',
  })
  @ApiOkResponse({ type: TransferResponse })
  @ApiProblems(400, 404, 503)
  async get(@UuidParam('id') id: string): Promise<TransferResponse> {
    return TransferResponse.fromDocument(await this.queries.execute(new GetTransferQuery(id)));
  }
}
