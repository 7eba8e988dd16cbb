import { Injectable } from '@nestjs/common';
import { EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { setTimeout as sleep } from 'node:timers/promises';
import { Transfer } from '../../domain/transfer.js';
import type { TransferEvent } from '../../domain/transfer.events.js';
import { transferDocumentOf } from '../../read-models/transfer-details/transfer-document.js';
import type { TransferDetails } from '../../read-models/transfer-details/transfer-details.schema.js';

const checkEveryMs = 25;

/**
 * The transfer as the request that started it answers it, from the transfer's own stream. A
 * transfer moved step by step is waited for (briefly), so the usual answer is the final one: the
 * process runs wherever the projector runs, so the stream is what is watched. The wait is a
 * courtesy; the transfer goes on either way.
 */
@Injectable()
export class TransferSettlements {
  constructor(private readonly repository: EventSourcingRepository) {}

  async current(transferId: string): Promise<TransferDetails> {
    const history: RecordedDomainEvent<TransferEvent>[] = [];
    for await (const recorded of this.repository.history(Transfer, transferId)) history.push(recorded);
    return transferDocumentOf(history)!;
  }

  async settled(transferId: string, timeoutMs: number): Promise<TransferDetails> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const document = await this.current(transferId);
      if (document.settled_at || Date.now() >= deadline) return document;
      await sleep(Math.min(checkEveryMs, Math.max(0, deadline - Date.now())));
    }
  }
}
