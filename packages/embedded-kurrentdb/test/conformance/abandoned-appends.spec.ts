import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { v2Streams, v2StreamsClient } from '../support/raw-grpc.js';
import { collect, rejection, streamName, useTarget } from '../support/target.js';

const abandoningClient = fileURLToPath(new URL('../support/abandoning-client.ts', import.meta.url));

/**
 * An append is one client-streaming call, committed when the client half-closes. A client killed
 * midway (the connection drops before the end) must leave nothing written: a multi-stream append
 * cut short that kept its first streams would be half a transfer, and the retry would move the
 * money again.
 */
describe('appends whose client is killed before finishing', () => {
  const target = useTarget();

  /** Starts an append in a process of its own, and kills that process once the server has what it sent. */
  async function killMidway(kind: 'session' | 'append', stream: string): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', abandoningClient, kind, target().connectionString, stream], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(child.stdout, 'data');
    await sleep(300);
    child.kill('SIGKILL');
    await once(child, 'exit');
    await sleep(300);
  }

  const readNothing = async (stream: string) => expect(await rejection(collect(target().client.readStream(stream)))).toBeDefined();

  it('a multi-stream append session killed after its first stream writes nothing', async () => {
    const stream = streamName('abandoned');
    await killMidway('session', stream);
    await readNothing(stream);
  });

  it('a single-stream append killed after some of its events writes nothing', async () => {
    const stream = streamName('abandoned');
    await killMidway('append', stream);
    await readNothing(stream);
  });

  it('the same session, finished, writes both its streams', async () => {
    const [first, second] = [streamName('finished'), streamName('finished')];
    const request = (stream: string, type: string) => {
      const message = new v2Streams.AppendRequest().setStream(stream).setExpectedRevision('-2');
      message.addRecords(
        new v2Streams.AppendRecord()
          .setRecordId(randomUUID())
          .setSchema(new v2Streams.SchemaInfo().setFormat(v2Streams.SchemaFormat.SCHEMA_FORMAT_JSON).setName(type))
          .setData(Buffer.from('{}')),
      );
      return message;
    };
    const client = v2StreamsClient(target().connectionString);
    await new Promise<void>((resolve, reject) => {
      const call = client.appendSession((error) => (error ? reject(error) : resolve()));
      call.write(request(first, 'Debited'));
      call.write(request(second, 'Credited'));
      call.end();
    });
    client.close();

    for (const [stream, type] of [[first, 'Debited'], [second, 'Credited']]) {
      expect((await collect(target().client.readStream(stream))).map((resolved) => resolved.event!.type)).toEqual([type]);
    }
  });
});
