import { Module } from '@nestjs/common';
import { LedgerVerificationHttpController } from './ledger-verification.http.controller.js';
import { LedgerVerifier } from './ledger-verifier.js';

/** The ledger check operators run (`openbank verify`): the event store against the read model. */
@Module({
  controllers: [LedgerVerificationHttpController],
  providers: [LedgerVerifier],
})
export class LedgerVerificationModule {}
