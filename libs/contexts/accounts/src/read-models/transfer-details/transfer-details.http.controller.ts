import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, UuidParam } from '@openbank/http-api';
import { GetTransferQuery } from './get-transfer.query.js';
import { TransferResponse } from './transfer.response.js';
import { Access, param } from '@openbank/auth';

@ApiTags('transactions')
@Controller('api/v1/transactions/transfers')
export class TransferDetailsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Access.owner(param('transfer'))
  @ApiOperation({ summary: 'A transfer: its state and each step it took', operationId: 'getTransfer' })
  @ApiOkResponse({ type: TransferResponse })
  @ApiProblems(400, 404, 503)
  async get(@UuidParam('id') id: string): Promise<TransferResponse> {
    return TransferResponse.fromDocument(await this.queries.execute(new GetTransferQuery(id)));
  }
}
