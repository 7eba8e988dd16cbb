import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, type AggregateDefinition, type Clock, type DomainEvent } from '@openbank/shared-kernel';
import type { CommandContext } from '../event-metadata.js';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '../event-sourcing.options.js';
import { CLOCK } from '../injection-tokens.js';
import { isRevisionConflict } from '../kurrentdb/store-errors.js';
import { EVENT_SOURCING_METRICS, noEventSourcingMetrics, type EventSourcingMetrics } from '../observability/event-sourcing-metrics.js';
import type { LogPosition } from '../recorded-event.js';
import { EventSourcingRepository, type EarlierAttemptBound, type LoadedAggregate } from '../repository/event-sourcing.repository.js';
import { KeyedLock } from '../repository/keyed-lock.js';
import { aggregateStreamName } from '../stream-names.js';
import { ConcurrencyConflict } from './concurrency-conflict.js';
import { AttemptedOthers, type OtherAggregates } from './other-aggregates.js';

/**
 * A decision: given the current state, the events to record. `now` is the command's one instant:
 * the time the decision sees is also the time stored with the events it records. A decision that
 * needs other aggregates reads them, and records events on them, through `others`; it does no
 * other I/O.
 */
export type Decision<S, E extends DomainEvent> = (state: S, now: Date, revision: bigint, others: OtherAggregates) => readonly E[] | Promise<readonly E[]>;

/** An aggregate by its definition and id. */
export interface AggregateRef {
  readonly definition: Pick<AggregateDefinition<unknown, DomainEvent>, 'category'>;
  readonly id: string;
}

export interface CommandOutcome<S, E extends DomainEvent> {
  readonly state: S;
  readonly revision: bigint;
  readonly events: readonly E[];
  readonly position?: LogPosition;
  readonly eventIds: readonly string[];
  /** Business time of the recorded events (or of the last event, when nothing was recorded). */
  readonly occurredAt?: string;
}

/**
 * Since when an earlier attempt of this operation may have recorded events: after the event that
 * triggered a process step (a step delivered again); the first attempt's start for a retried
 * operation; this attempt's claim of its key once that claim has run out (a retry may have taken
 * the key over while this attempt stalled); this attempt's own start after a conflict (another
 * instance may be running the same operation after taking over its Idempotency-Key); never for
 * an operation that cannot be retried.
 */
function mayHaveRunBefore(context: CommandContext, attempt: number, started: Date, now: Date): EarlierAttemptBound | undefined {
  if (!context.operationId) return undefined;
  if (context.earlierAttemptAfter) return { afterPosition: context.earlierAttemptAfter };
  if (context.earlierAttemptSince) return { since: new Date(context.earlierAttemptSince) };
  if (context.keyHeld && now.getTime() >= Date.parse(context.keyHeld.until)) return { since: new Date(context.keyHeld.since) };
  return attempt > 0 ? { since: started } : undefined;
}

/**
 * The command flow of the write side: load the aggregate, let it decide, append what it decided
 * with the exact expected revision (together with what it recorded on other aggregates). A
 * revision conflict (someone else appended in between) makes the command start over on fresh
 * state, a bounded number of times, then it answers 409.
 *
 * An operation's main aggregate is appended last: where several streams cannot be written
 * atomically, its events are the proof that the others' were written, and they are what a retry
 * of the operation looks for.
 */
@Injectable()
export class AggregateCommandRunner {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly repository: EventSourcingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingOptions,
    @Optional() @Inject(EVENT_SOURCING_METRICS) private readonly metrics: EventSourcingMetrics = noEventSourcingMetrics,
  ) {}

  /**
   * `alsoWrites` names other aggregates the decision will record events on (a transfer's two
   * accounts): this process's commands on any of them then wait for each other instead of racing
   * into revision conflicts, which would each cost fresh loads and another decision. Other
   * processes are still met by the expected revisions.
   */
  execute<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    context: CommandContext,
    decide: Decision<S, E>,
    { alsoWrites = [] }: { alsoWrites?: readonly AggregateRef[] } = {},
  ): Promise<CommandOutcome<S, E>> {
    const streams = [aggregateStreamName(definition.category, id), ...alsoWrites.map((other) => aggregateStreamName(other.definition.category, other.id))];
    return this.lock.runAll(streams, () => this.attempt(definition, id, context, decide));
  }

  private async attempt<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, context: CommandContext, decide: Decision<S, E>): Promise<CommandOutcome<S, E>> {
    const started = this.clock.now();
    for (let attempt = 0; attempt <= this.options.conflictRetries; attempt++) {
      const loaded = await this.repository.load(definition, id, { useCache: attempt === 0 });
      // Judged after the load: a stall in the load itself counts.
      const mayHaveRun = mayHaveRunBefore(context, attempt, started, this.clock.now());
      // Looked for after the load, up to the end of the stream: an earlier attempt's events that
      // landed before this point are found, and any landing later make the append conflict.
      const earlier = mayHaveRun && (await this.earlierAttempt(definition, id, context.operationId!, mayHaveRun, loaded));
      if (earlier) return earlier;
      const now = this.clock.now();
      const { current, events, others } = await this.decideOnFreshEnoughState(definition, id, loaded, attempt === 0, (state, revision, others) => decide(state, now, revision, others));
      // Decided again on a fresh load: what it read may hold what landed since the search.
      const landedSince = mayHaveRun && current !== loaded && (await this.earlierAttempt(definition, id, context.operationId!, mayHaveRun, current));
      if (landedSince) return landedSince;
      if (events.length === 0 && others.appends.length === 0) {
        return { state: current.state, revision: current.revision, events, eventIds: [], occurredAt: current.lastOccurredAt };
      }
      try {
        const appended = await this.repository.appendAll([...others.appends, { definition, id, expected: current, events }], context, now);
        const own = appended.at(-1)!;
        return { state: own.state as S, revision: own.revision, position: own.position, eventIds: own.eventIds, occurredAt: own.occurredAt, events };
      } catch (error) {
        if (!isRevisionConflict(error)) throw error;
        if (attempt < this.options.conflictRetries) this.metrics.concurrencyRetry(definition.type);
      }
    }
    throw new ConcurrencyConflict(`${definition.type} ${id} kept changing; the command was not applied`, {
      aggregateType: definition.type,
      aggregateId: id,
    });
  }

  /**
   * When this operation may have run before, answers with what it recorded then: the state right
   * after its events, and the events themselves, exactly as the first attempt would have. The
   * state the attempt is about to append to tells where no search is needed.
   */
  private async earlierAttempt<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    operationId: string,
    bound: EarlierAttemptBound,
    appendingTo: LoadedAggregate<S>,
  ): Promise<CommandOutcome<S, E> | undefined> {
    // What this process saw of the stream up to the state it appends to may already rule one out.
    if ('afterPosition' in bound && appendingTo.recent && !appendingTo.recent.mayHoldAfter(operationId, bound.afterPosition)) return undefined;
    const recorded = await this.repository.recordedUnder(definition, id, operationId, bound);
    if (recorded.length === 0) return undefined;
    const last = recorded.at(-1)!;
    const loaded = await this.repository.loadAt(definition, id, { revision: last.revision });
    return {
      state: loaded.state,
      revision: last.revision,
      events: recorded.map((entry) => entry.event),
      position: last.position,
      eventIds: recorded.map((entry) => entry.eventId),
      occurredAt: last.metadata.occurredAt,
    };
  }

  /**
   * A refusal must never rest on a stale cached state (another process may have deposited the
   * money we think is missing), so a domain error on cached state is decided again on fresh loads.
   */
  private async decideOnFreshEnoughState<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    loaded: LoadedAggregate<S>,
    useCache: boolean,
    decide: (state: S, revision: bigint, others: OtherAggregates) => readonly E[] | Promise<readonly E[]>,
  ): Promise<{ current: LoadedAggregate<S>; events: readonly E[]; others: AttemptedOthers }> {
    const others = new AttemptedOthers(this.repository, useCache);
    try {
      return { current: loaded, events: await decide(loaded.state, loaded.revision, others), others };
    } catch (error) {
      if (!(error instanceof DomainError) || !(loaded.fromCache || others.usedCache)) throw error;
      const fresh = await this.repository.load(definition, id, { useCache: false });
      const freshOthers = new AttemptedOthers(this.repository, false);
      return { current: fresh, events: await decide(fresh.state, fresh.revision, freshOthers), others: freshOthers };
    }
  }
}
