import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventSourcingRepository, ID_GENERATOR, newIdFor, type CommandContext } from '@openbank/event-sourcing';
import { ApiProblems, RequestCommandContext } from '@openbank/http-api';
import type { IdGenerator } from '@openbank/shared-kernel';
import type { FastifyReply } from 'fastify';
import { Transfer, isSettled } from '../../domain/transfer.js';
import { TransferResponse } from '../../read-models/transfer-details/transfer.response.js';
import { TRANSACTIONS_OPTIONS, type TransactionsOptions } from '../../transactions.options.js';
import { TransferMoneyCommand } from './transfer-money.command.js';
import { TransferMoneyRequest } from './transfer-money.request.dto.js';
import { TransferSettlements } from './transfer-settlements.js';
import { Access, bodyField } from '@openbank/auth';

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class TransferMoneyHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly settlements: TransferSettlements,
    private readonly repository: EventSourcingRepository,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(TRANSACTIONS_OPTIONS) private readonly options: TransactionsOptions,
  ) {}

  /**
   * Starts the transfer and waits a moment for it to settle: 201 with the final state when it did
   * (COMPLETED, or FAILED with its reason), 202 with its current state when it is still on its way.
   */
  @Post('transfer')
  @Access.owner(bodyField('account', 'from_account_id'), 'forbidden')
  @ApiOperation({ summary: 'Transfer money between two accounts of one currency', operationId: 'transfer' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried request safe: the same key and body give the same answer, once.' })
  @ApiCreatedResponse({ type: TransferResponse, description: 'The transfer settled (COMPLETED or FAILED).' })
  @ApiAcceptedResponse({ type: TransferResponse, description: 'The transfer is still in progress; follow it at /api/v1/transactions/transfers/{id}.' })
  @ApiProblems(400, 404, 409, 422, 503)
  async transfer(
    @Body() body: TransferMoneyRequest,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TransferResponse> {
    const transferId = newIdFor(context, 'transfer', this.ids);
    const settling = this.settlements.listen(transferId, this.options.transferWaitMs);
    await this.commands.execute(new TransferMoneyCommand(transferId, body.toDetails(), context));
    await settling;
    const { state, revision } = await this.repository.load(Transfer, transferId, { useCache: false });
    void reply.status(isSettled(state) ? 201 : 202).header('location', `/api/v1/transactions/transfers/${transferId}`);
    return TransferResponse.fromState(state, revision);
  }
}
