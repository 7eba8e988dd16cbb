import { KurrentDBClient, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The CloudEvent type of a money movement on an account: every one of them leaves the bank. */
const transactionRecorded = 'BankAccountTransactionRecordedDomainEventV1';

/**
 * An HTTP endpoint taking CloudEvents in binary mode, as a bank's partner runs one: it accepts
 * every event and remembers the ids in the order they came (duplicates included, since delivery
 * is at least once).
 */
export class CloudEventSink {
  private constructor(
    private readonly server: Server,
    /** The ids of the events that arrived, in the order they came. */
    readonly received: readonly string[],
  ) {}

  static async start(): Promise<CloudEventSink> {
    const received: string[] = [];
    const server = createServer((request, response) => {
      const id = request.headers['ce-id'];
      request.resume();
      request.on('end', () => {
        if (typeof id === 'string') received.push(id);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new CloudEventSink(server, received);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/events`;
  }

  /** Every money movement of these accounts reached the sink at least once, and in each account's order. */
  async check(kurrentdb: string, accountIds: readonly string[]): Promise<string[]> {
    const firstArrival = new Map<string, number>();
    this.received.forEach((id, index) => firstArrival.has(id) || firstArrival.set(id, index));
    const client = KurrentDBClient.connectionString(kurrentdb);
    const violations: string[] = [];
    try {
      for (const account of accountIds) {
        let previous = -1;
        for (const { id, revision } of await transactionEvents(client, `account-${account}`)) {
          const arrival = firstArrival.get(id);
          if (arrival === undefined) violations.push(`account-${account}@${revision}: event ${id} never reached the sink`);
          else if (arrival < previous) violations.push(`account-${account}@${revision}: event ${id} reached the sink before the one recorded before it`);
          previous = arrival ?? previous;
        }
      }
    } finally {
      await client.dispose();
    }
    return violations;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function transactionEvents(client: KurrentDBClient, stream: string): Promise<{ id: string; revision: bigint }[]> {
  const events: { id: string; revision: bigint }[] = [];
  try {
    for await (const { event } of client.readStream(stream)) if (event?.type === transactionRecorded) events.push({ id: event.id, revision: event.revision });
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}
