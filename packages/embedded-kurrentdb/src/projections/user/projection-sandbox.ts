import * as vm from 'node:vm';
import { PROJECTION_RUNTIME_SOURCE } from './runtime-source.js';

/** What a query selects, as the runtime describes it once the query has run. */
export interface ProjectionDescription {
  source: { kind: 'all' } | { kind: 'streams'; names: string[] } | { kind: 'categories'; names: string[] };
  handledTypes: string[];
  any: boolean;
  byStream: boolean;
  partitioned: boolean;
  includeLinks: boolean;
  resultStreamName: string | null;
}

/** One event handed to the query, in the shape the runtime builds its event object from. */
export interface SandboxEvent {
  isJson: boolean;
  bodyRaw: string;
  metadataRaw: string | null;
  linkMetadataRaw: string | null;
  streamId: string;
  sequenceNumber: number;
  eventType: string;
  eventId: string;
  /** The foreachStream partition ('' otherwise; partitionBy decides inside the sandbox). */
  partition: string;
  category: string | null;
}

export interface EmittedEvent {
  kind: 'emit';
  stream: string;
  type: string;
  isJson: boolean;
  data: string;
  metadata: string | null;
}

/** Per input event: its partition and what it emitted, or null when partitionBy skipped it. */
export type ProcessedEvent = { partition: string; emitted: EmittedEvent[] } | null;

export class ProjectionError extends Error {}

/**
 * A user projection's query in its own `node:vm` context: no code generation from strings, no
 * host objects inside (only strings cross the boundary), and every call into it bounded by
 * `timeoutMs`, so a query that loops fails with a timeout instead of hanging the server.
 */
export class ProjectionSandbox {
  readonly description: ProjectionDescription;
  private readonly context: vm.Context;
  private readonly input: { __input?: string };
  private readonly calls = new Map<string, vm.Script>();

  constructor(
    query: string,
    private readonly timeoutMs: number,
  ) {
    this.input = Object.create(null) as { __input?: string };
    this.context = vm.createContext(this.input, {
      name: 'projection',
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    try {
      vm.runInContext(PROJECTION_RUNTIME_SOURCE, this.context, { timeout: timeoutMs });
      // The query becomes the body of a function the runtime calls, so its errors are caught in its own realm.
      const defined = vm.runInContext(`__define(function () {\n${query}\n})`, this.context, { timeout: timeoutMs, filename: 'projection.js' });
      unwrap(defined);
    } catch (error) {
      throw error instanceof ProjectionError ? error : new ProjectionError(hostMessage(error));
    }
    this.description = JSON.parse(this.call('__describe()')) as ProjectionDescription;
  }

  process(events: SandboxEvent[]): { results: ProcessedEvent[]; logs: string[] } {
    return JSON.parse(this.call('__process(__input)', JSON.stringify(events))) as { results: ProcessedEvent[]; logs: string[] };
  }

  /** The state of a partition ('' for an unpartitioned projection) as JSON, or null. */
  state(partition: string): string | null {
    return this.call('__state(__input)', partition) as string | null;
  }

  result(partition: string): string | null {
    return this.call('__result(__input)', partition) as string | null;
  }

  snapshot(): string {
    return this.call('__snapshot()');
  }

  restore(snapshot: string): void {
    this.call('__restore(__input)', snapshot);
  }

  reset(): void {
    this.call('__reset()');
  }

  /** Runs a call of the runtime; only a string goes in, only a string (or null) comes out. */
  private call(code: string, input?: string): string {
    let script = this.calls.get(code);
    if (!script) this.calls.set(code, (script = new vm.Script(`__call(function () { return ${code}; })`)));
    this.input.__input = input;
    try {
      return unwrap(script.runInContext(this.context, { timeout: this.timeoutMs })) as string;
    } catch (error) {
      throw error instanceof ProjectionError ? error : new ProjectionError(hostMessage(error));
    } finally {
      this.input.__input = undefined;
    }
  }
}

/** The runtime answers `{"ok": value}` or `{"error": message}` as a string; anything else is refused unread. */
function unwrap(answer: unknown): unknown {
  if (typeof answer !== 'string') throw new ProjectionError('the projection runtime was tampered with');
  const parsed = JSON.parse(answer) as { ok?: unknown; error?: string };
  if (parsed.error !== undefined) throw new ProjectionError(parsed.error);
  return parsed.ok;
}

/**
 * Timeouts and syntax errors come from the engine, often as errors of the context's realm: read
 * only an own data property, which runs no code of the query.
 */
function hostMessage(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const message = Object.getOwnPropertyDescriptor(error, 'message');
    if (message && typeof message.value === 'string') return message.value;
  }
  return 'the projection failed';
}
