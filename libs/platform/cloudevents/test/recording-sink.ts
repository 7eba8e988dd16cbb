import { HTTP, type CloudEventV1 } from 'cloudevents';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The CloudEvent read back from the request by the SDK's receiver (either mode). */
  readonly event: CloudEventV1<unknown>;
  /** What the sink answered. */
  readonly status: number;
}

/**
 * A CloudEvents HTTP endpoint for tests: records every request and answers 204, or what `answer`
 * says; `down()` closes its port (connections are refused) and `up()` opens the same port again.
 */
export class RecordingSink {
  readonly requests: ReceivedRequest[] = [];
  answer: (event: CloudEventV1<unknown>) => number = () => 204;
  private server: Server;

  private constructor(private port = 0) {
    this.server = this.createServer();
  }

  static async start(): Promise<RecordingSink> {
    const sink = new RecordingSink();
    await sink.up();
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/events`;
  }

  /** The events the sink took (answered 2xx), in the order they arrived. */
  get delivered(): CloudEventV1<unknown>[] {
    return this.requests.filter((request) => request.status < 300).map((request) => request.event);
  }

  async up(): Promise<void> {
    if (this.server.listening) return;
    this.server = this.createServer();
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    if (!this.server.listening) return;
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private createServer(): Server {
    return createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      // As plain JSON, the way a consumer sees it (no SDK class, no absent attributes).
      const event = JSON.parse(String(HTTP.toEvent({ headers: request.headers, body }))) as CloudEventV1<unknown>;
      const status = this.answer(event);
      this.requests.push({ headers: request.headers, body, event, status });
      response.writeHead(status).end();
    });
  }
}
