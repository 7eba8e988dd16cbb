import { Test } from '@nestjs/testing';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { FixedClock, type AggregateDefinition } from '@openbank/shared-kernel';
import {
  AggregateCommandRunner,
  CLOCK,
  EventSourcingModule,
  EventSourcingRepository,
  type CommandContext,
  type EventSourcingOptions,
  type EventUpcaster,
} from '@openbank/event-sourcing';

export const testContext: CommandContext = {
  correlationId: 'correlation-1',
  causationId: 'cause-1',
  principal: { id: 'tester' },
};

export interface EventSourcingHarness {
  readonly repository: EventSourcingRepository;
  readonly runner: AggregateCommandRunner;
  readonly client: KurrentDBClient;
  readonly clock: FixedClock;
  close(): Promise<void>;
}

/** The write-side machinery alone, on a given KurrentDB, with a clock the test controls. */
export async function startEventSourcing(
  connectionString: string,
  aggregates: AggregateDefinition<any, any>[],
  options: Partial<EventSourcingOptions> = {},
  upcasters: EventUpcaster[] = [],
): Promise<EventSourcingHarness> {
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  const module = await Test.createTestingModule({
    imports: [
      EventSourcingModule.forRootAsync({
        useFactory: () => ({
          connectionString,
          snapshotEvery: 0,
          aggregateCacheSize: 100,
          conflictRetries: 3,
          operationDeadlineMs: 5000,
          ...options,
        }),
      }),
      EventSourcingModule.forFeature({ aggregates, upcasters }),
    ],
  })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  await module.init();
  return {
    repository: module.get(EventSourcingRepository),
    runner: module.get(AggregateCommandRunner),
    client: module.get(KurrentDBClient),
    clock,
    close: () => module.close(),
  };
}
