import { randomUUID } from 'node:crypto';
import { uuidBytesToText, uuidTextToBytes } from '../grpc/uuid.js';
import { ANY, type ProposedEvent, type StreamAppend } from '../store/append-request.js';
import { LINK_EVENT_TYPE, type EventStore } from '../store/event-store.js';

const CATEGORY_PREFIX = '$ce-';
/** Source records linked per commit, so a long backlog becomes many modest frames, not one huge one. */
const BATCH = 5000;
const EVENT_TYPE_PREFIX = '$et-';
const DELETED_TYPE_STREAM = `${EVENT_TYPE_PREFIX}$deleted`;

/**
 * The standard projections `$by_category` (`$ce-<category>`) and `$by_event_type`
 * (`$et-<type>`): each source event gets a `$>` link, written as its own later commit right
 * after the source commit, like the real (asynchronous) projections.
 *
 * Progress needs no checkpoint of its own: the links carry their source position (`$p`), so on
 * start the projection resumes after the source of the newest link and links what a crash or a
 * run without projections left out.
 */
export class SystemProjections {
  private next: number;
  private scheduled = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: EventStore) {
    this.next = this.resumePoint();
    this.unsubscribe = store.onCommit(() => this.schedule());
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      try {
        this.run();
      } catch (error) {
        // A failed round (the store closing, say) is redone from `$p` on the next start.
        process.emitWarning(`embedded KurrentDB: system projections stopped: ${(error as Error).message}`);
        this.stop();
      }
    });
  }

  private run(): void {
    const { store } = this;
    const end = Math.min(store.records.count, this.next + BATCH);
    const links = new Map<string, ProposedEvent[]>();
    const add = (stream: string, event: ProposedEvent) => {
      const list = links.get(stream);
      if (list) list.push(event);
      else links.set(stream, [event]);
    };
    for (let record = this.next; record < end; record++) {
      const source = store.streamById(store.records.streamId[record]);
      // `$` streams (metastreams, links, bookkeeping) are never projected.
      if (source.name.startsWith('$')) continue;
      const type = store.typeName(store.records.typeId[record]);
      const tombstone = store.isTombstoneRecord(record);
      const isLink = type === LINK_EVENT_TYPE;
      // A link is re-linked to what it points at; everything else to itself.
      const target = isLink ? store.data(record).toString('utf8') : `${tombstone ? '-1' : store.records.revision[record]}@${source.name}`;
      const dash = source.name.indexOf('-');
      if (dash > 0) add(`${CATEGORY_PREFIX}${source.name.slice(0, dash)}`, this.link(record, target, source.name, tombstone));
      if (tombstone) add(DELETED_TYPE_STREAM, this.link(record, target, source.name, true));
      else if (!isLink) add(`${EVENT_TYPE_PREFIX}${type}`, this.link(record, target, source.name, false));
    }
    this.next = end;
    if (end < store.records.count) this.schedule();
    if (links.size === 0) return;
    const appends: StreamAppend[] = [...links].map(([stream, events]) => ({ stream, expected: ANY, events }));
    this.store.append(appends);
  }

  private link(record: number, target: string, originalStream: string, deleted: boolean): ProposedEvent {
    const position = this.store.records.position[record];
    const metadata: Record<string, unknown> = {
      $v: '1:-1:1:4',
      $c: position,
      $p: position,
      $o: originalStream,
      $causedBy: uuidBytesToText(this.store.eventId(record)),
    };
    if (deleted) metadata.$deleted = -1;
    return {
      id: uuidTextToBytes(randomUUID()),
      type: LINK_EVENT_TYPE,
      isJson: false,
      metadata: Buffer.from(JSON.stringify(metadata)),
      data: Buffer.from(target),
    };
  }

  /** The record after the source of the newest projection link, or 0. */
  private resumePoint(): number {
    const { store } = this;
    for (let record = store.records.count - 1; record >= 0; record--) {
      if (store.typeName(store.records.typeId[record]) !== LINK_EVENT_TYPE) continue;
      const stream = store.streamById(store.records.streamId[record]).name;
      if (!stream.startsWith(CATEGORY_PREFIX) && !stream.startsWith(EVENT_TYPE_PREFIX)) continue;
      try {
        const source = (JSON.parse(store.customMetadata(record).toString('utf8')) as { $p?: number }).$p;
        if (typeof source === 'number') return store.records.firstAtOrAfter(source + 1);
      } catch {
        // not one of ours; keep looking
      }
    }
    return 0;
  }
}
