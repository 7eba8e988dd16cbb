import { Test } from '@nestjs/testing';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { FixedClock, type AggregateDefinition } from '@openbank/shared-kernel';
import {
  AggregateCommandRunner,
  CLOCK,
  EVENT_STORE,
  EventSourcingModule,
  EventSourcingRepository,
  type CommandContext,
  type EventSourcingOptions,
  type EventStore,
  type EventUpcaster,
  type PersonalDataDeclaration,
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
  /** Any other provider of the machinery (the personal data protection, its erasers). */
  get<T>(token: abstract new (...args: any[]) => T): T;
  close(): Promise<void>;
}

/**
 * The write-side machinery alone, with a clock the test controls: on a KurrentDB (its connection
 * string), or on another EventStore such as the in-memory one.
 */
export async function startEventSourcing(
  store: string | EventStore,
  aggregates: AggregateDefinition<any, any>[],
  options: Partial<EventSourcingOptions> = {},
  upcasters: EventUpcaster[] = [],
  personalData: PersonalDataDeclaration[] = [],
): Promise<EventSourcingHarness> {
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  const builder = Test.createTestingModule({
    imports: [
      EventSourcingModule.forRootAsync({
        useFactory: () => ({
          // Never connected to when the store is given: the client connects on its first call.
          connectionString: typeof store === 'string' ? store : 'kurrentdb://127.0.0.1:1?tls=false',
          snapshotEvery: 0,
          aggregateCacheSize: 100,
          conflictRetries: 3,
          operationDeadlineMs: 5000,
          ...options,
        }),
      }),
      EventSourcingModule.forFeature({ aggregates, upcasters, personalData }),
    ],
  })
    .overrideProvider(CLOCK)
    .useValue(clock);
  if (typeof store !== 'string') builder.overrideProvider(EVENT_STORE).useValue(store);
  const module = await builder.compile();
  await module.init();
  return {
    repository: module.get(EventSourcingRepository),
    runner: module.get(AggregateCommandRunner),
    client: module.get(KurrentDBClient),
    clock,
    get: (token) => module.get(token),
    close: () => module.close(),
  };
}
