import { randomUUID } from 'node:crypto';
import { uuidTextToBytes } from '../grpc/uuid.js';
import { ANY } from '../store/append-request.js';
import type { EventStore } from '../store/event-store.js';
import { planScavenge } from './scavenge-plan.js';

export interface ScavengeResult {
  scavengeId: string;
  /** Records removed from the log (and from `$all`). */
  recordsRemoved: number;
  /** Bytes of the log before and after (memory and, with a data directory, the file). */
  bytesBefore: number;
  bytesAfter: number;
  timeTakenMs: number;
}

const SCAVENGES_STREAM = '$scavenges';

/**
 * Runs scavenges, one at a time, and records each in `$scavenges` as a real node does
 * (`$scavengeStarted`, then `$scavengeCompleted` with the space saved). A scavenge runs to its end
 * in one go: the log is rewritten synchronously, so nothing is appended meanwhile.
 */
export class Scavenger {
  private current: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly nodeEndpoint: () => string,
  ) {}

  get running(): string | undefined {
    return this.current;
  }

  scavenge(scavengeId: string = randomUUID()): ScavengeResult {
    if (this.current) throw new Error(`scavenge ${this.current} is already running`);
    this.current = scavengeId;
    const started = Date.now();
    try {
      this.record('$scavengeStarted', { scavengeId, nodeEndpoint: this.nodeEndpoint() });
      const { dropped, count } = planScavenge(this.store, started);
      const { bytesBefore, bytesAfter } =
        count > 0 ? this.store.compact(dropped) : { bytesBefore: this.store.storedBytes, bytesAfter: this.store.storedBytes };
      const timeTakenMs = Date.now() - started;
      this.record('$scavengeCompleted', {
        scavengeId,
        nodeEndpoint: this.nodeEndpoint(),
        result: 'Success',
        error: null,
        timeTaken: timeSpan(timeTakenMs),
        spaceSaved: bytesBefore - bytesAfter,
        recordsRemoved: count,
      });
      return { scavengeId, recordsRemoved: count, bytesBefore, bytesAfter, timeTakenMs };
    } finally {
      this.current = undefined;
    }
  }

  private record(type: string, data: Record<string, unknown>): void {
    this.store.append([
      {
        stream: SCAVENGES_STREAM,
        expected: ANY,
        events: [{ id: uuidTextToBytes(randomUUID()), type, isJson: true, metadata: new Uint8Array(0), data: Buffer.from(JSON.stringify(data)) }],
      },
    ]);
  }
}

/** .NET TimeSpan text, as the real server writes it: hh:mm:ss.fffffff. */
function timeSpan(milliseconds: number): string {
  const pad = (value: number, width = 2) => String(Math.floor(value)).padStart(width, '0');
  const seconds = milliseconds / 1000;
  return `${pad(seconds / 3600)}:${pad((seconds % 3600) / 60)}:${pad(seconds % 60)}.${pad((milliseconds % 1000) * 10000, 7)}`;
}
