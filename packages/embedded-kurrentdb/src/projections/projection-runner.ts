import type { EventStore } from '../store/event-store.js';

export type ProjectionStatus = 'Running' | 'Stopped' | 'Aborted' | 'Faulted' | 'Completed';

/** What Statistics reports of one projection beyond its configuration. */
export interface ProjectionProgress {
  status: ProjectionStatus;
  stateReason: string;
  /** `C:<commit>/P:<prepare>` of the last record read, or '' before the first. */
  position: string;
  /** Percent of the log read. */
  progress: number;
  lastCheckpoint: string;
  eventsProcessedAfterRestart: number;
}

/** Records read per round; a long backlog becomes many short rounds that let other work run. */
const ROUND = 5000;

export function positionText(position: number | undefined): string {
  return position === undefined ? '' : `C:${position}/P:${position}`;
}

/**
 * Follows the log for one projection: a cursor over the record table, woken by commits and run
 * in rounds on the event loop (projections on a real node are asynchronous too: what they write
 * appears shortly after the source event, in later commits).
 */
export abstract class ProjectionRunner {
  protected cursor = 0;
  protected status: ProjectionStatus = 'Stopped';
  protected stateReason = '';
  protected eventsProcessed = 0;
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly name: string,
    protected readonly store: EventStore,
  ) {}

  get running(): boolean {
    return this.status === 'Running';
  }

  start(): void {
    if (this.running) return;
    this.stateReason = '';
    this.status = 'Running';
    this.eventsProcessed = 0;
    this.prepare();
    if (!this.running) return;
    this.unsubscribe = this.store.onCommit(() => this.schedule());
    this.schedule();
  }

  /** Disable ('Stopped', progress kept) or abort ('Aborted'); a completed one stays completed. */
  stop(status: 'Stopped' | 'Aborted' = 'Stopped'): void {
    this.detach();
    if (this.status === 'Running' || this.status === 'Faulted') this.status = status;
  }

  progress(): ProjectionProgress {
    const count = this.store.records.count;
    const read = this.cursor > 0 ? this.store.records.position[Math.min(this.cursor, count) - 1] : undefined;
    return {
      status: this.status,
      stateReason: this.stateReason,
      position: positionText(read),
      progress: count === 0 ? 100 : Math.round((1000 * Math.min(this.cursor, count)) / count) / 10,
      lastCheckpoint: this.lastCheckpointText(),
      eventsProcessedAfterRestart: this.eventsProcessed,
    };
  }

  /** Stops following the log without changing what the projection reports (subsystem stop). */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected fault(reason: string): void {
    this.detach();
    this.status = 'Faulted';
    this.stateReason = reason;
  }

  /** Sets the cursor (and anything else) before the first round; may fault. */
  protected abstract prepare(): void;

  /** Handles records [from, end); returns normally or faults. */
  protected abstract processRange(from: number, end: number): void;

  /** Reached the end of the log: one-time projections complete here. */
  protected caughtUp(): void {}

  protected lastCheckpointText(): string {
    return '';
  }

  protected schedule(): void {
    if (this.scheduled || !this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.running) return;
      try {
        const end = Math.min(this.store.records.count, this.cursor + ROUND);
        const from = this.cursor;
        this.cursor = end;
        this.processRange(from, end);
        if (!this.running) return;
        if (this.cursor < this.store.records.count) this.schedule();
        else this.caughtUp();
      } catch (error) {
        this.fault((error as Error).message);
      }
    });
  }
}
