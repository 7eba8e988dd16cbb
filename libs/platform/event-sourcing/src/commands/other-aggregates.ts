import type { AggregateDefinition, DomainEvent } from '@openbank/shared-kernel';
import type { EventSourcingRepository, LoadedAggregate, PendingAppend } from '../repository/event-sourcing.repository.js';
import { aggregateStreamName } from '../stream-names.js';

/**
 * The aggregates a decision reads besides the one it is about, and the events it records on them.
 * What it records is appended together with the main aggregate's events: in one atomic write
 * where the store offers it, otherwise before them (see AggregateCommandRunner).
 */
export interface OtherAggregates {
  /** The aggregate's state (from the cache on a first attempt, fresh after a conflict). */
  load<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string): Promise<S>;
  /** Events to append to that aggregate, loaded before by `load`. */
  record<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, events: readonly E[]): void;
}

/** One attempt's view of the other aggregates: what was loaded, and what was recorded on them. */
export class AttemptedOthers implements OtherAggregates {
  private readonly loaded = new Map<string, { definition: AggregateDefinition<any, any>; id: string; aggregate: LoadedAggregate<unknown> }>();
  private readonly recorded: PendingAppend<any, any>[] = [];

  constructor(
    private readonly repository: EventSourcingRepository,
    private readonly useCache: boolean,
  ) {}

  async load<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string): Promise<S> {
    const stream = aggregateStreamName(definition.category, id);
    const known = this.loaded.get(stream);
    if (known) return known.aggregate.state as S;
    const aggregate = await this.repository.load(definition, id, { useCache: this.useCache });
    this.loaded.set(stream, { definition, id, aggregate });
    return aggregate.state;
  }

  record<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, events: readonly E[]): void {
    const known = this.loaded.get(aggregateStreamName(definition.category, id));
    if (!known) throw new Error(`${definition.type} ${id} must be loaded before events are recorded on it`);
    if (events.length > 0) this.recorded.push({ definition, id, expected: known.aggregate, events });
  }

  /** True when a state this attempt decided on came from the cache (a refusal must then be checked on fresh state). */
  get usedCache(): boolean {
    return [...this.loaded.values()].some(({ aggregate }) => aggregate.fromCache);
  }

  get appends(): readonly PendingAppend<any, any>[] {
    return this.recorded;
  }
}
