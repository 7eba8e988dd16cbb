import { Query } from '@nestjs/cqrs';
import type { TransferDetails } from './transfer-details.schema.js';

export class GetTransferQuery extends Query<TransferDetails> {
  constructor(readonly transferId: string) {
    super();
  }
}
