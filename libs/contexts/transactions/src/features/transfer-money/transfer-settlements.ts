import { Injectable } from '@nestjs/common';
import { EventBus, ofType } from '@nestjs/cqrs';
import { filter, firstValueFrom, map, race, timer } from 'rxjs';

/** Published on the in-process event bus when this instance's transfer process settles a transfer. */
export class TransferSettled {
  constructor(readonly transferId: string) {}
}

/**
 * Lets an HTTP request wait (briefly) for the transfer it started to settle, so the usual answer
 * is the final one. The wait is a courtesy, not a guarantee: the transfer goes on either way.
 */
@Injectable()
export class TransferSettlements {
  constructor(private readonly events: EventBus) {}

  /** Starts listening now; resolves true when `transferId` settles, false after `timeoutMs`. */
  listen(transferId: string, timeoutMs: number): Promise<boolean> {
    const settled = this.events.pipe(
      ofType(TransferSettled),
      filter((event) => event.transferId === transferId),
      map(() => true),
    );
    return firstValueFrom(race(settled, timer(timeoutMs).pipe(map(() => false))));
  }

  settled(transferId: string): void {
    this.events.publish(new TransferSettled(transferId));
  }
}
