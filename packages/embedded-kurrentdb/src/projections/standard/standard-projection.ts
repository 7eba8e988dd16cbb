import { ANY, type ProposedEvent, type StreamAppend } from '../../store/append-request.js';
import { LINK_EVENT_TYPE, type EventStore } from '../../store/event-store.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { LinkRule } from './link-rules.js';

/**
 * A system projection (`$by_category`, `$by_event_type`, …): native code that writes `$>`
 * links. Progress needs no checkpoint stream: the links carry their source position (`$p`), so
 * it resumes after the source of its newest link, and links whatever a crash or a stop left out.
 */
export class StandardProjection extends ProjectionRunner {
  constructor(
    store: EventStore,
    private readonly rule: LinkRule,
  ) {
    super(rule.name, store);
  }

  /** Links already written stay and are not written twice: a reset only restarts the counters. */
  reset(): void {
    this.eventsProcessed = 0;
  }

  protected prepare(): void {
    this.cursor = Math.max(this.cursor, this.resumePoint());
  }

  protected processRange(from: number, end: number): void {
    const { store, rule } = this;
    const links = new Map<string, ProposedEvent[]>();
    const add = (stream: string, link: ProposedEvent) => {
      const list = links.get(stream);
      if (list) list.push(link);
      else links.set(stream, [link]);
    };
    for (let record = from; record < end; record++) if (!store.isScavenged(record)) rule.linksFor(store, record, add);
    this.eventsProcessed += end - from;
    if (links.size === 0) return;
    const appends: StreamAppend[] = [...links].map(([stream, events]) => ({ stream, expected: ANY, events }));
    store.append(appends);
  }

  /** The record after the source of this projection's newest link, or 0. */
  private resumePoint(): number {
    const { store } = this;
    for (let record = store.records.count - 1; record >= 0; record--) {
      if (store.isScavenged(record)) continue;
      if (store.typeName(store.records.typeId[record]) !== LINK_EVENT_TYPE) continue;
      if (!this.rule.owns(store.streamById(store.records.streamId[record]).name)) continue;
      try {
        const source = (JSON.parse(store.customMetadata(record).toString('utf8')) as { $p?: number }).$p;
        if (typeof source === 'number') return store.records.firstAtOrAfter(source + 1);
      } catch {
        // a link written by someone else: keep looking
      }
    }
    return 0;
  }
}
