import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, bodyField } from '@openbank/auth';
import { ID_GENERATOR, newIdFor, type CommandContext } from '@openbank/event-sourcing';
import { AcceptsIdempotencyKey, ApiProblems, RequestCommandContext } from '@openbank/http-api';
import type { IdGenerator } from '@openbank/shared-kernel';
import type { FastifyReply } from 'fastify';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { isSettled } from '../../domain/transfer.js';
import { TransferResponse } from '../../read-models/transfer-details/transfer.response.js';
import { TransferMoneyCommand } from './transfer-money.command.js';
import { TransferMoneyRequest } from './transfer-money.request.dto.js';
import { TransferSettlements } from './transfer-settlements.js';

@ApiTags('transactions')
@Controller('api/v1/transactions')
export class TransferMoneyHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly settlements: TransferSettlements,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  /**
   * Moves the money: 201 with the final state when the transfer settled (COMPLETED at once where
   * the store appends atomically; COMPLETED or FAILED once the steps are done otherwise), 202 with
   * its current state when it is still on its way.
   */
  @Post('transfer')
  @Access.owner(bodyField('account', 'from_account_id'), 'forbidden')
  @ApiOperation({
    summary: 'Transfer money between two accounts of one currency',
    description: "Staff, or the customer who owns the source account; the target may be anyone's account of the same currency. Answered 201 COMPLETED where the store appends atomically, otherwise 201 once settled or 202 while on its way (follow it at GET /api/v1/transactions/transfers/{id}). The example moves money from the first account opened to the second. Send an Idempotency-Key.",
    operationId: 'transfer',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: TransferResponse, description: 'The transfer settled (COMPLETED or FAILED).' })
  @ApiAcceptedResponse({ type: TransferResponse, description: 'The transfer is still in progress; follow it at /api/v1/transactions/transfers/{id}.' })
  @ApiProblems(400, 404, 409, 422, 503)
  async transfer(@Body() body: TransferMoneyRequest, @RequestCommandContext() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<TransferResponse> {
    const transferId = newIdFor(context, 'transfer', this.ids);
    const started = await this.commands.execute(new TransferMoneyCommand(transferId, body.toRequest(), context));
    const document = isSettled(started.transfer) ? await this.settlements.current(transferId) : await this.settlements.settled(transferId, this.options.transferWaitMs);
    void reply.status(document.settled_at ? 201 : 202).header('location', `/api/v1/transactions/transfers/${transferId}`);
    return TransferResponse.fromDocument(document);
  }
}
