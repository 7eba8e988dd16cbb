import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { BACKWARDS, END, FORWARDS, KurrentDBClient, START, eventTypeFilter, type Position } from '@kurrent/kurrentdb-client';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountNotFound,
  BankAccountTransactionRecordedDomainEventV1,
  GetBankAccountQuery,
  OverdraftLimitChangedDomainEventV1,
  TransferCompletedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferFailedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
} from '@openbank/accounts';
import { ArchivedHistory } from '@openbank/archiving';
import { EventSerializer, EventTypeRegistry } from '@openbank/event-sourcing';
import { SubscriptionHost, comparePositions, exactTypesRegex, isAtOrAfter } from '@openbank/projections';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareLedger, type AccountReadModel } from './ledger-comparison.js';
import { isSettled, LedgerScan } from './ledger-scan.js';
import type { LedgerVerificationResponse } from './ledger-verification.response.js';

const ledgerEvents = [
  BankAccountCreatedDomainEventV2,
  OverdraftLimitChangedDomainEventV1,
  BankAccountClosedDomainEventV1,
  BankAccountTransactionRecordedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferCompletedDomainEventV1,
  TransferFailedDomainEventV1,
];

/** The read model of balances the API answers from. */
const accountsProjection = 'bank-account-details';
const pollMs = 100;
const readConcurrency = 16;

export interface VerificationLimits {
  /** How long transfers already on their way may take to settle. */
  readonly settleMs: number;
  /** How long the read model may take to process every event up to the verified position. */
  readonly catchUpMs: number;
}

/**
 * The ledger check: recomputes every account from the event store up to one position of $all,
 * lets transfers on their way settle, waits until the accounts read model has processed that
 * position, then compares (see compareLedger).
 */
@Injectable()
export class LedgerVerifier {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
    private readonly registry: EventTypeRegistry,
    private readonly subscriptions: SubscriptionHost,
    private readonly queries: QueryBus,
    private readonly archives: ArchivedHistory,
  ) {}

  async verify(limits: VerificationLimits): Promise<LedgerVerificationResponse> {
    const startedAt = Date.now();
    const scan = new LedgerScan();
    const settleDeadline = startedAt + limits.settleMs;
    let scanned: Position | undefined;
    let unsettledAtStart: Set<string> | undefined;
    const archived = await this.scanArchives(scan);
    for (;;) {
      const head = await this.head();
      if (head) {
        await this.scan(scan, scanned, head, archived);
        scanned = head;
      }
      unsettledAtStart ??= new Set(scan.unsettledTransfers().map((transfer) => transfer.id));
      // Only the transfers on their way at the start hold the check up; new ones keep starting under load.
      const waiting = [...unsettledAtStart].some((id) => !isSettled(scan.transfers.get(id)!));
      if (!waiting || Date.now() >= settleDeadline) break;
      await sleep(pollMs * 2);
    }
    const readModelLag = scanned ? await this.waitForReadModel(scanned, Date.now() + limits.catchUpMs) : undefined;
    const readModels = await this.readModelsOf([...scan.accounts.keys()]);
    const report = compareLedger({ scan, readModels, unsettledAtStart, readModelLag });
    return {
      ...report,
      checked_at: new Date(startedAt).toISOString(),
      ...(scanned ? { position: scanned.commit.toString() } : {}),
      duration_ms: Date.now() - startedAt,
    };
  }

  /** The position of the last event written to $all; undefined for an empty store. */
  private async head(): Promise<Position | undefined> {
    for await (const { event } of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) return event?.position;
    return undefined;
  }

  /**
   * Feeds the scan with the archived events of the streams whose oldest events are in cold storage
   * only; answers where each stream's events in the store start ($tb). $all may still hold the
   * archived events (until a scavenge reclaims them): the scan of $all skips them, so none counts twice.
   */
  private async scanArchives(scan: LedgerScan): Promise<Map<string, bigint>> {
    const storedTypes = new Set(this.registry.storedTypesFor(ledgerEvents));
    const truncatedBefore = new Map<string, bigint>();
    for await (const archived of this.archives.archivedStreams()) {
      truncatedBefore.set(archived.stream, archived.truncateBefore);
      for (const stored of await this.archives.archivedEvents(archived)) {
        const recorded = storedTypes.has(stored.type) ? this.serializer.deserialize(stored) : undefined;
        if (recorded) scan.apply(recorded);
      }
    }
    return truncatedBefore;
  }

  /** Feeds the scan with the ledger's events after `from` up to and including `to`, but for the archived ones. */
  private async scan(scan: LedgerScan, from: Position | undefined, to: Position, archived: ReadonlyMap<string, bigint>): Promise<void> {
    const regex = exactTypesRegex(this.registry.storedTypesFor(ledgerEvents));
    const reads = this.client.readAll({ fromPosition: from ?? START, direction: FORWARDS, filter: eventTypeFilter({ regex }) });
    for await (const { event } of reads) {
      const position = event?.position;
      if (!event || !position) continue;
      // Reading forwards from a position starts with the event at that position: already scanned.
      if (from && comparePositions(position, from) <= 0) continue;
      if (comparePositions(position, to) > 0) break;
      if (event.revision < (archived.get(event.streamId) ?? 0n)) continue;
      const recorded = this.serializer.deserialize(event);
      if (recorded) scan.apply(recorded);
    }
  }

  /** Undefined once the read model has processed `position`; what it lacks when the deadline passes first. */
  private async waitForReadModel(position: Position, deadline: number): Promise<{ projection: string; detail: string } | undefined> {
    for (;;) {
      const status = await this.subscriptions.status(accountsProjection);
      const rebuilding = status.rebuild !== undefined && status.rebuild.state !== 'done';
      if (isAtOrAfter(status.position, position) && !rebuilding) return undefined;
      if (Date.now() >= deadline) {
        return {
          projection: accountsProjection,
          detail: `${accountsProjection} had not processed $all up to position ${position.commit} in time (${status.lagMs} ms behind${status.running ? '' : ', no projector running'}): accounts it has not caught up on differ below`,
        };
      }
      await sleep(pollMs);
    }
  }

  private async readModelsOf(accountIds: string[]): Promise<Map<string, AccountReadModel | undefined>> {
    const found = new Map<string, AccountReadModel | undefined>();
    let next = 0;
    const worker = async () => {
      while (next < accountIds.length) {
        const id = accountIds[next++];
        found.set(id, await this.readModelOf(id));
      }
    };
    await Promise.all(Array.from({ length: readConcurrency }, worker));
    return found;
  }

  private async readModelOf(accountId: string): Promise<AccountReadModel | undefined> {
    try {
      return (await this.queries.execute(new GetBankAccountQuery(accountId))) as AccountReadModel;
    } catch (error) {
      if (error instanceof BankAccountNotFound) return undefined;
      throw error;
    }
  }
}
