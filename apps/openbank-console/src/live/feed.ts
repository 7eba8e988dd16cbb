import { createParser } from 'eventsource-parser';

/** A CloudEvent of the live feed (structured mode JSON). */
export interface CloudEvent {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string;
  readonly time?: string;
  readonly correlationid?: string;
  readonly data?: unknown;
}

export type FeedStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'refused';

/**
 * GET /api/v1/events/stream, read with fetch (a browser's EventSource cannot send the bearer
 * token). Reconnects after 1, 2, 5, then 10 s; the feed replays nothing, so what happened while it
 * was away is fetched again by the pages (see invalidation in LiveFeedProvider).
 */
export class LiveFeed {
  private readonly listeners = new Set<(event: CloudEvent) => void>();
  private readonly statusListeners = new Set<(status: FeedStatus) => void>();
  private abort = new AbortController();
  private attempts = 0;
  status: FeedStatus = 'off';

  constructor(private readonly token: () => string | undefined) {}

  subscribe(listener: (event: CloudEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  start(): void {
    this.abort = new AbortController();
    void this.run(this.abort.signal);
  }

  stop(): void {
    this.abort.abort();
    this.setStatus('off');
  }

  private setStatus(status: FeedStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.setStatus(this.attempts === 0 ? 'connecting' : 'reconnecting');
      try {
        const response = await fetch(new URL('/api/v1/events/stream', window.location.origin), {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${this.token() ?? ''}` },
          signal,
          cache: 'no-store',
        });
        if (response.status === 401 || response.status === 403) {
          this.setStatus('refused');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        await this.read(response.body, signal);
      } catch {
        if (signal.aborted) return;
      }
      const delay = [1000, 2000, 5000][this.attempts] ?? 10_000;
      this.attempts++;
      this.setStatus('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const parser = createParser({
      onComment: (comment) => {
        if (comment.trim() === 'live') {
          this.attempts = 0;
          this.setStatus('live');
        }
      },
      onEvent: (message) => {
        let event: CloudEvent;
        try {
          event = JSON.parse(message.data) as CloudEvent;
        } catch {
          return;
        }
        for (const listener of this.listeners) listener(event);
      },
    });
    const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
    signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  }
}
