import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventMetadata } from '@openbank/event-sourcing';
import type { ListeningTestApp as CloudEventsTestApp } from './test-app.js';

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly metadata: EventMetadata;
}

/** The events of one stream, as the event store has them. */
export async function storedEvents(app: CloudEventsTestApp, stream: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const { event } of app.app.get(KurrentDBClient).readStream(stream)) {
    if (event) events.push({ id: event.id, type: event.type, metadata: event.metadata as unknown as EventMetadata });
  }
  return events;
}

export interface ServerSentEvent {
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Reads a text/event-stream response message by message (as an EventSource would, minus reconnecting). */
export class ServerSentEventReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffered = '';

  constructor(response: Response) {
    this.reader = response.body!.getReader();
  }

  /** The next message that satisfies `wanted`, skipping the others. */
  async next(wanted: (message: ServerSentEvent) => boolean): Promise<ServerSentEvent> {
    for (;;) {
      const end = this.buffered.indexOf('\n\n');
      if (end >= 0) {
        const message = parse(this.buffered.slice(0, end));
        this.buffered = this.buffered.slice(end + 2);
        if (wanted(message)) return message;
        continue;
      }
      const { value, done } = await this.reader.read();
      if (done) throw new Error('the event stream ended');
      this.buffered += this.decoder.decode(value, { stream: true });
    }
  }
}

function parse(block: string): ServerSentEvent {
  const fields: Record<string, string> = {};
  for (const line of block.split('\n').filter(Boolean)) {
    const colon = line.indexOf(':');
    const name = colon === 0 ? 'comment' : line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    fields[name] = name in fields ? `${fields[name]}\n${value}` : value;
  }
  return fields;
}
