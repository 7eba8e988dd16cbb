import { Inject } from '@nestjs/common';
import { EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { AggregateDocumentProjection, Projection, READ_MODEL_STORE, type ReadModelStore } from '@openbank/projections';
import { Transfer } from '../../domain/transfer.js';
import type { TransferEvent } from '../../domain/transfer.events.js';
import { transferDocumentOf } from './transfer-document.js';
import { TransferDetails, transfersCollection } from './transfer-details.schema.js';

@Projection('transfer-details', ...Transfer.events)
export class TransferDetailsProjection extends AggregateDocumentProjection<TransferDetails, TransferEvent> {
  protected readonly collectionName = transfersCollection;

  constructor(
    @Inject(READ_MODEL_STORE) protected readonly store: ReadModelStore,
    private readonly repository: EventSourcingRepository,
  ) {
    super();
  }

  protected evolve(current: TransferDetails | null, record: RecordedDomainEvent<TransferEvent>): TransferDetails {
    return transferDocumentOf([record], current)!;
  }

  /** Rebuilt from the stream, with each step at the time its event occurred. */
  protected async fromWriteModel(transferId: string, revision?: bigint): Promise<TransferDetails | null> {
    const history: RecordedDomainEvent<TransferEvent>[] = [];
    for await (const recorded of this.repository.history(Transfer, transferId)) {
      if (revision !== undefined && recorded.revision > revision) break;
      history.push(recorded);
    }
    return transferDocumentOf(history);
  }
}
