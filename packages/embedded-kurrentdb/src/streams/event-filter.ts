import { invalidArgument } from '../grpc/rpc-error.js';
import type { EventStore } from '../store/event-store.js';

/** Default search window when the client asks for `count` instead of a `max`. */
const DEFAULT_CHECKPOINT_WINDOW = 32;

/** What a filter is, in a form persistent subscription configs can store as JSON. */
export interface FilterSpec {
  on: 'stream' | 'type';
  regex: string;
  prefixes: string[];
  checkpointInterval: number;
}

interface ExpressionLike {
  getRegex(): string;
  getPrefixList(): string[];
}

/** Read filters and persistent subscription filters are different classes of the same shape. */
export interface FilterOptionsLike {
  hasStreamIdentifier(): boolean;
  getStreamIdentifier(): ExpressionLike | undefined;
  getEventType(): ExpressionLike | undefined;
  hasMax(): boolean;
  getMax(): number;
  getCheckpointintervalmultiplier(): number;
}

export function filterSpecOf(options: FilterOptionsLike): FilterSpec {
  const onStreamName = options.hasStreamIdentifier();
  const expression = onStreamName ? options.getStreamIdentifier() : options.getEventType();
  if (!expression) throw invalidArgument('filter needs a stream_identifier or event_type expression');
  const multiplier = options.getCheckpointintervalmultiplier();
  if (multiplier <= 0) throw invalidArgument('checkpointIntervalMultiplier must be greater than 0');
  const window = options.hasMax() ? options.getMax() : DEFAULT_CHECKPOINT_WINDOW;
  if (window <= 0) throw invalidArgument('max search window must be greater than 0');
  return { on: onStreamName ? 'stream' : 'type', regex: expression.getRegex(), prefixes: expression.getPrefixList(), checkpointInterval: multiplier * window };
}

/**
 * Server-side `$all` filter on stream name or event type. A regex is an unanchored search (the
 * server uses .NET Regex.Match) and wins over prefixes; prefixes are case-sensitive.
 * Answers are cached per stream id / type id, so a filtered scan tests each name once.
 */
export class EventFilter {
  private cache = new Uint8Array(256);
  private readonly regex: RegExp | undefined;
  /** Considered events between two checkpoints of a filtered subscription. */
  readonly checkpointInterval: number;

  constructor(readonly spec: FilterSpec) {
    if (spec.regex !== '') {
      try {
        this.regex = new RegExp(spec.regex);
      } catch (error) {
        throw invalidArgument(`invalid filter regex: ${(error as Error).message}`);
      }
    }
    this.checkpointInterval = spec.checkpointInterval;
  }

  static fromOptions(options: FilterOptionsLike): EventFilter {
    return new EventFilter(filterSpecOf(options));
  }

  matches(store: EventStore, record: number): boolean {
    const onStreamName = this.spec.on === 'stream';
    const key = onStreamName ? store.records.streamId[record] : store.records.typeId[record];
    if (key >= this.cache.length) {
      const grown = new Uint8Array(Math.max(key + 1, this.cache.length * 2));
      grown.set(this.cache);
      this.cache = grown;
    }
    let answer = this.cache[key];
    if (answer === 0) {
      const name = onStreamName ? store.streamById(key).name : store.typeName(key);
      answer = this.test(name) ? 1 : 2;
      this.cache[key] = answer;
    }
    return answer === 1;
  }

  private test(name: string): boolean {
    if (this.regex) return this.regex.test(name);
    return this.spec.prefixes.some((prefix) => name.startsWith(prefix));
  }
}
