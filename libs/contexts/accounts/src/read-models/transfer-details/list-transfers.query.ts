import { Query } from '@nestjs/cqrs';
import type { Page, PageQuery } from '@openbank/http-api';
import type { TransferStatus } from '../../domain/transfer.js';
import type { TransferDetails } from './transfer-details.schema.js';

export interface TransferFilter {
  /** Transfers from or to this account. */
  readonly accountId?: string;
  readonly status?: TransferStatus;
  /** Initiated at or after this instant. */
  readonly from?: Date;
  /** Initiated before this instant. */
  readonly to?: Date;
}

/**
 * A page of transfers, newest first. `customer` (the person a customer acts as) narrows them to
 * the transfers from or to that person's accounts; staff leave it out and see every transfer.
 */
export class ListTransfersQuery extends Query<Page<TransferDetails>> {
  constructor(
    readonly page: PageQuery,
    readonly filter: TransferFilter,
    readonly customer?: { readonly personId?: string },
  ) {
    super();
  }
}
