import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { END, KurrentDBClient, excludeSystemEvents, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { EventSerializer } from '@openbank/event-sourcing';
import type { CloudEvent } from 'cloudevents';
import { EMPTY, Observable, Subject, defer, merge, of, share, takeUntil, type Subscriber } from 'rxjs';
import { CloudEventMapper } from '../mapping/cloudevent.mapper.js';

/** A CloudEvent as it happens, or the news that the feed is live (what is appended from then on is in it). */
export type LiveFeedMessage = { readonly event: CloudEvent<unknown> } | { readonly live: true };

const live: LiveFeedMessage = { live: true };

/**
 * Every domain event as a CloudEvent, as it is appended: one subscription from the end of $all,
 * shared by every watcher, opened for the first and closed when the last one leaves. Nothing is
 * checkpointed and nothing replayed: a watcher sees what happens while it watches (sinks are the
 * way to receive every event).
 */
@Injectable()
export class LiveCloudEventFeed implements OnModuleDestroy {
  private readonly logger = new Logger('CloudEvents');
  private readonly closing = new Subject<void>();
  private closed = false;
  /** Whether the shared subscription is in place: a watcher arriving after that is told at once. */
  private confirmed = false;
  private readonly messages = new Observable<LiveFeedMessage>((watcher) => this.follow(watcher)).pipe(share());

  constructor(
    private readonly client: KurrentDBClient,
    private readonly serializer: EventSerializer,
    private readonly mapper: CloudEventMapper,
  ) {}

  watch(): Observable<LiveFeedMessage> {
    if (this.closed) return EMPTY;
    return defer(() => merge(this.messages, this.confirmed ? of(live) : EMPTY)).pipe(takeUntil(this.closing));
  }

  /** Ends every watcher's stream, so open responses do not hold the HTTP server's close. */
  onModuleDestroy(): void {
    this.closed = true;
    this.closing.next();
  }

  private follow(watcher: Subscriber<LiveFeedMessage>): () => void {
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    subscription.on('confirmation', () => {
      this.confirmed = true;
      watcher.next(live);
    });
    // Decoding opens sealed personal data (a key lookup): one event after another keeps their order.
    let decoding = Promise.resolve();
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      decoding = decoding.then(async () => {
        try {
          const recorded = resolved.event && (await this.serializer.decode(resolved.event));
          if (recorded && this.mapper.publishes(recorded)) watcher.next({ event: this.mapper.toCloudEvent(recorded) });
        } catch (error) {
          // A listener must not throw (it would take the process down); watchers miss this one event.
          this.logger.error({ msg: 'event left out of the live CloudEvent feed', eventId: resolved.event?.id, error: String(error) });
        }
      });
    });
    // Watchers see their stream end and reconnect (an EventSource does so by itself).
    subscription.on('error', (error: unknown) => {
      this.logger.warn({ msg: 'live CloudEvent feed interrupted', error: String(error) });
      watcher.complete();
    });
    return () => {
      this.confirmed = false;
      void subscription.unsubscribe().catch(() => undefined);
    };
  }
}
