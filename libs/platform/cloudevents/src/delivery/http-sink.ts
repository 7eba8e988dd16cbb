import { HTTP, type CloudEvent, type Message } from 'cloudevents';
import type { CloudEventsMode } from '../cloudevents.options.js';

/** What one attempt at delivering an event to a sink came to. */
export type DeliveryOutcome =
  | { readonly delivered: true }
  | { readonly delivered: false; readonly permanent: boolean; readonly reason: string };

/** The application is stopping: the attempt was abandoned, the event stays undelivered. */
export class DeliveryStopped extends Error {
  constructor() {
    super('delivery stopped');
    this.name = 'DeliveryStopped';
  }
}

/**
 * One HTTP endpoint that takes CloudEvents: each attempt is a single POST in binary or structured
 * mode. Only a 2xx answer is a delivery. A 4xx is the sink refusing this very event, so sending it
 * again cannot help — except 408 and 429, which ask to try again later, like 5xx, 3xx (redirects
 * are not followed: a POST must not silently turn into a GET), timeouts and network errors.
 */
export class HttpSink {
  private readonly target: string;
  /** fetch refuses URLs with credentials: `https://user:password@host/…` becomes Basic authentication. */
  private readonly authorization?: string;

  constructor(
    readonly url: string,
    private readonly mode: CloudEventsMode,
    private readonly requestTimeoutMs: number,
  ) {
    const target = new URL(url);
    if (target.username || target.password) {
      const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
      this.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
      target.username = target.password = '';
    }
    this.target = target.href;
  }

  get name(): string {
    return sinkName(this.url);
  }

  async send(event: CloudEvent<unknown>, stop: AbortSignal): Promise<DeliveryOutcome> {
    const message = this.mode === 'binary' ? HTTP.binary(event) : HTTP.structured(event);
    try {
      const response = await fetch(this.target, {
        method: 'POST',
        headers: { ...headersOf(message), ...(this.authorization ? { authorization: this.authorization } : {}) },
        body: message.body as string,
        redirect: 'manual',
        signal: AbortSignal.any([stop, AbortSignal.timeout(this.requestTimeoutMs)]),
      });
      const answer = await response.text();
      if (response.ok) return { delivered: true };
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      return { delivered: false, permanent, reason: `${this.name} answered ${response.status} ${answer.slice(0, 200)}`.trim() };
    } catch (error) {
      if (stop.aborted) throw new DeliveryStopped();
      return { delivered: false, permanent: false, reason: `${this.name} unreachable: ${causeOf(error)}` };
    }
  }
}

/** A sink's name in logs, health and checkpoints: its URL without credentials or query (they may hold secrets). */
export function sinkName(url: string): string {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

function headersOf(message: Message): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** fetch reports every network failure as "fetch failed"; the cause says which (refused, reset, timeout). */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.message || cause?.code || String(error);
}
