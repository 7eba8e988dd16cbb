import { FORWARDS, START, eventTypeFilter, type KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import type { EventSerializer, RecordedDomainEvent } from '@openbank/event-sourcing';
import { setTimeout as sleep } from 'node:timers/promises';
import { exactTypesRegex, type GroupMember } from '../consumer-groups/consumer-group.js';
import { ConsumerStopping, deliverBatch, type DeliveryContext } from '../consumer-groups/member-delivery.js';
import { comparePositions } from '../status/positions.js';
import type { ClaimedRebuild, RebuildJobs } from './rebuild-jobs.js';

/** Events applied per write while rebuilding: large, since the projection starts empty and nothing waits on it. */
const rebuildBatchEvents = 2000;

/** The job was asked for again (or taken over) while this runner worked on it. */
class Superseded extends Error {}

/**
 * Runs, in a projector, the rebuilds operators ask for: claims one job at a time, empties the
 * projection when the job starts (here, not in the API process that asked: this projector's
 * memory of the documents goes with them), reads $all from the job's position with a server-side filter on the projection's event types, and applies the
 * events in large batches while the next batch is read. Progress is saved with each batch, so a
 * rebuild resumes where it stopped. The projection's live events keep arriving meanwhile; both
 * paths write through the same revision guards, so their order does not matter.
 */
export class RebuildRunner {
  private loop?: Promise<void>;

  constructor(
    private readonly members: ReadonlyMap<string, GroupMember>,
    private readonly jobs: RebuildJobs,
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
    private readonly delivery: DeliveryContext,
    private readonly claimant: string,
  ) {}

  start(): void {
    this.loop ??= this.runUntilStopped();
  }

  /** Resolves once the runner stopped; the caller aborts `delivery.stopping` first. */
  async stopped(): Promise<void> {
    await this.loop;
  }

  private async runUntilStopped(): Promise<void> {
    const { settings, stopping, logger } = this.delivery;
    while (!stopping.aborted) {
      try {
        const job = await this.jobs.claim([...this.members.keys()], this.claimant, settings.rebuildLeaseMs);
        if (job) await this.run(job);
        else await sleep(settings.rebuildPollMs, undefined, { signal: stopping });
      } catch (error) {
        if (stopping.aborted) break;
        logger.warn({ msg: 'rebuild interrupted; it resumes from its last saved position', error: String(error) });
        await sleep(settings.rebuildPollMs, undefined, { signal: stopping }).catch(() => undefined);
      }
    }
  }

  private async run(job: ClaimedRebuild): Promise<void> {
    const member = this.members.get(job.projection)!;
    // Whatever this projector remembers of the documents may be gone: a rebuild starts empty, and
    // one resumed here was started (and the documents emptied) by another projector.
    if (job.from === undefined && job.events === 0) await member.instance.reset?.();
    else member.instance.forgetCached?.();
    const reads = this.client.readAll({ fromPosition: job.from ?? START, direction: FORWARDS, filter: eventTypeFilter({ regex: exactTypesRegex(member.storedTypes) }) });
    let batch: RecordedDomainEvent[] = [];
    let events = job.events;
    let applying: Promise<void> = Promise.resolve();
    const apply = (records: RecordedDomainEvent[], position: Position, total: number) =>
      applying.then(async () => {
        await deliverBatch(member, records, this.delivery);
        if (!(await this.jobs.advance(job, position, total, this.delivery.settings.rebuildLeaseMs))) throw new Superseded();
      });
    try {
      for await (const { event } of reads) {
        if (this.delivery.stopping.aborted) throw new ConsumerStopping();
        if (!event?.position || (job.from && comparePositions(event.position, job.from) <= 0)) continue;
        const record = await this.serializer.decode(event);
        if (!record) continue;
        batch.push(record);
        if (batch.length < rebuildBatchEvents) continue;
        // The batch before this one is applied while this one was read; one write at a time, in order.
        await applying;
        events += batch.length;
        applying = apply(batch, event.position, events);
        // Its failure is taken up by the next await; until then it must not count as unhandled.
        applying.catch(() => undefined);
        batch = [];
      }
      await applying;
      if (batch.length > 0) await apply(batch, batch.at(-1)!.position!, events + batch.length);
      await this.jobs.finish(job);
      this.delivery.logger.log({ msg: 'projection rebuilt', projection: job.projection, events: events + batch.length });
    } catch (error) {
      await applying.catch(() => undefined);
      if (error instanceof Superseded) return;
      if (error instanceof ConsumerStopping) {
        await this.jobs.release(job).catch(() => undefined);
        return;
      }
      throw error;
    }
  }
}
