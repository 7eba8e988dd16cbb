import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiProblems } from '@openbank/http-api';
import { LedgerVerificationRequest } from './ledger-verification.request.js';
import { LedgerVerificationResponse } from './ledger-verification.response.js';
import { LedgerVerifier } from './ledger-verifier.js';

@ApiTags('operations')
@Controller('api/v1/admin/ledger')
@Access.admin()
export class LedgerVerificationHttpController {
  constructor(private readonly verifier: LedgerVerifier) {}

  @Get('verification')
  @ApiOperation({
    summary: 'Recompute every balance from the event store and compare it with the read model; check conservation and that every transfer settled',
    description: 'Admins only. Reads $all, recomputes every account and transfer, lets the transfers on their way settle (`settle_seconds`), waits for the accounts read model to catch up (`catch_up_seconds`), then compares: `ok` is false with every difference named. Takes seconds on a big store.',
    operationId: 'verifyLedger',
  })
  @ApiOkResponse({ type: LedgerVerificationResponse, description: 'The report; `ok` is false when any difference was found.' })
  @ApiProblems(400, 503)
  verify(@Query() request: LedgerVerificationRequest): Promise<LedgerVerificationResponse> {
    return this.verifier.verify({ settleMs: request.settle_seconds * 1000, catchUpMs: request.catch_up_seconds * 1000 });
  }
}
