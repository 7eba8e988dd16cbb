import { renewingClient } from './kurrentdb/renewing-client.js';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, type FactoryProvider } from '@nestjs/common';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { randomIds, systemClock, type AggregateDefinition } from '@openbank/shared-kernel';
import { CLOCK, ID_GENERATOR } from './injection-tokens.js';
import { AggregateCommandRunner } from './commands/aggregate-command-runner.js';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from './event-sourcing.options.js';
import { AggregateCache } from './repository/aggregate-cache.js';
import { EventSourcingRepository } from './repository/event-sourcing.repository.js';
import { InMemoryPersonalDataKeys } from './personal-data/in-memory-personal-data-keys.js';
import { PersonalDataErasers } from './personal-data/personal-data-erasers.js';
import { PERSONAL_DATA_KEYS } from './personal-data/personal-data-keys.port.js';
import { PersonalDataProtection, type PersonalDataDeclaration } from './personal-data/personal-data-protection.js';
import { EventSerializer } from './serialization/event-serializer.js';
import { EventTypeRegistry } from './serialization/event-type-registry.js';
import type { EventUpcaster } from './serialization/event-upcaster.js';
import { SnapshotStore } from './snapshots/snapshot-store.js';
import { EVENT_STORE } from './store/event-store.port.js';
import { KurrentDBEventStore } from './store/kurrentdb-event-store.js';
import { assertValidCategory } from './stream-names.js';

export interface EventSourcingModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: any[]) => EventSourcingOptions | Promise<EventSourcingOptions>;
}

export interface EventSourcingFeature {
  readonly aggregates: readonly AggregateDefinition<any, any>[];
  readonly upcasters?: readonly EventUpcaster[];
  /** Which fields of the aggregates' events are personal data, sealed under the data subject's key. */
  readonly personalData?: readonly PersonalDataDeclaration[];
}

const FEATURE = Symbol('EVENT_SOURCING_FEATURE');

/** Registers one bounded context's aggregates (their event types) and upcasters with the serializer. */
@Injectable()
class EventSourcingFeatureRegistration implements OnModuleInit {
  constructor(
    private readonly registry: EventTypeRegistry,
    private readonly protection: PersonalDataProtection,
    @Inject(FEATURE) private readonly feature: EventSourcingFeature,
  ) {}

  onModuleInit(): void {
    for (const aggregate of this.feature.aggregates) {
      assertValidCategory(aggregate.category);
      this.registry.registerEvents(aggregate.events);
    }
    this.registry.registerUpcasters(this.feature.upcasters ?? []);
    this.protection.declare(this.feature.personalData ?? []);
  }
}

/** Closes the client's connections when the application stops. */
@Injectable()
class KurrentDBClientLifecycle implements OnApplicationShutdown {
  constructor(private readonly client: KurrentDBClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.dispose();
  }
}

/** Reads that have failed for this long straight go through a new client (see renewingClient). */
const clientRenewalMs = 5000;

/**
 * The write-side machinery: one KurrentDB client, the event serializer and its type registry,
 * the protection of personal data, snapshots, the aggregate cache, the repository and the command runner.
 */
@Global()
@Module({})
export class EventSourcingModule {
  static forRootAsync(options: EventSourcingModuleAsyncOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      imports: options.imports ?? [],
      providers: [
        { provide: EVENT_SOURCING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: KurrentDBClient,
          useFactory: (settings: EventSourcingOptions) => renewingClient({ newClient: () => KurrentDBClient.connectionString`${settings.connectionString}`, afterMs: clientRenewalMs }),
          inject: [EVENT_SOURCING_OPTIONS],
        },
        {
          provide: EVENT_STORE,
          useFactory: (client: KurrentDBClient, settings: EventSourcingOptions) => new KurrentDBEventStore(client, settings.operationDeadlineMs),
          inject: [KurrentDBClient, EVENT_SOURCING_OPTIONS],
        },
        {
          provide: PERSONAL_DATA_KEYS,
          useFactory: (settings: EventSourcingOptions) => settings.personalDataKeys ?? new InMemoryPersonalDataKeys(),
          inject: [EVENT_SOURCING_OPTIONS],
        },
        PersonalDataProtection,
        PersonalDataErasers,
        { provide: CLOCK, useValue: systemClock },
        { provide: ID_GENERATOR, useValue: randomIds },
        KurrentDBClientLifecycle,
        EventTypeRegistry,
        EventSerializer,
        SnapshotStore,
        AggregateCache,
        EventSourcingRepository,
        AggregateCommandRunner,
      ],
      exports: [
        EVENT_SOURCING_OPTIONS,
        KurrentDBClient,
        EVENT_STORE,
        CLOCK,
        ID_GENERATOR,
        EventTypeRegistry,
        EventSerializer,
        PersonalDataProtection,
        PersonalDataErasers,
        EventSourcingRepository,
        AggregateCommandRunner,
      ],
    };
  }

  static forFeature(feature: EventSourcingFeature): DynamicModule {
    return {
      module: EventSourcingModule,
      providers: [{ provide: FEATURE, useValue: feature }, EventSourcingFeatureRegistration],
    };
  }
}
