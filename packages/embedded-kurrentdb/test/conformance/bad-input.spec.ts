import { randomUUID } from 'node:crypto';
import { status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { jsonEvent, MaxAppendSizeExceededError } from '@kurrent/kurrentdb-client';
import type * as Streams from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import { collect, rejection, streamName, useTarget } from '../support/target.js';
import { shared, streamIdentifier, streams, streamsClient, trailers } from '../support/raw-grpc.js';

/**
 * Requests the client library never sends, over plain grpc-js. Each must get the real server's
 * status and trailers, and none may disturb what is stored.
 * The embedded target runs with a 1 MiB append limit; a real node needs --max-append-size=1048576.
 */
describe('malformed and oversized requests', () => {
  const MAX_APPEND = 1024 * 1024;
  const target = useTarget({ maxAppendSize: MAX_APPEND });
  const raw = () => streamsClient(target().connectionString);
  let kept: string;

  beforeAll(async () => {
    kept = streamName('kept');
    await target().client.appendToStream(kept, jsonEvent({ type: 'Kept', data: { safe: true } }));
  });

  afterEach(async () => {
    // Nothing stored before a bad request was lost or changed, and the server still answers.
    const events = await collect(target().client.readStream(kept));
    expect(events.map((e) => e.event!.data)).toEqual([{ safe: true }]);
  });

  function readOptions(): Streams.ReadReq.Options {
    const options = new streams.ReadReq.Options();
    options.setStream(new streams.ReadReq.Options.StreamOptions().setStreamIdentifier(streamIdentifier(kept)).setStart(new shared.Empty()));
    options.setCount('10').setNoFilter(new shared.Empty()).setUuidOption(new streams.ReadReq.Options.UUIDOption().setString(new shared.Empty()));
    return options;
  }

  function readError(options: Streams.ReadReq.Options): Promise<ServiceError> {
    const client = raw();
    const call: ClientReadableStream<Streams.ReadResp> = client.read(new streams.ReadReq().setOptions(options));
    return new Promise<ServiceError>((resolve, reject) => {
      call.on('data', () => undefined);
      call.on('error', (error: ServiceError) => resolve(error));
      call.on('end', () => reject(new Error('the read succeeded')));
    }).finally(() => client.close());
  }

  function appendError(messages: Streams.AppendReq[]): Promise<ServiceError> {
    const client = raw();
    return new Promise<ServiceError>((resolve, reject) => {
      const call = client.append((error) => (error ? resolve(error) : reject(new Error('the append succeeded'))));
      for (const message of messages) call.write(message);
      call.end();
    }).finally(() => client.close());
  }

  const appendOptions = (stream = streamName()) =>
    new streams.AppendReq().setOptions(new streams.AppendReq.Options().setStreamIdentifier(streamIdentifier(stream)).setAny(new shared.Empty()));

  function proposed(metadata: Record<string, string>, data: Uint8Array = Buffer.from('{}'), id: Streams.AppendReq.ProposedMessage['getId'] extends () => infer U ? U : never = new shared.UUID().setString(randomUUID())) {
    const message = new streams.AppendReq.ProposedMessage().setId(id).setData(data);
    for (const [key, value] of Object.entries(metadata)) message.getMetadataMap().set(key, value);
    return new streams.AppendReq().setProposedMessage(message);
  }

  const jsonMetadata = { type: 'T', 'content-type': 'application/json' };

  it('a read without uuid_option is INVALID_ARGUMENT', async () => {
    const options = readOptions();
    options.clearUuidOption();
    expect((await readError(options)).code).toBe(status.INVALID_ARGUMENT);
  });

  it('a filter on a stream read is INVALID_ARGUMENT', async () => {
    const filter = new streams.ReadReq.Options.FilterOptions()
      .setStreamIdentifier(new streams.ReadReq.Options.FilterOptions.Expression().setPrefixList(['x']))
      .setCount(new shared.Empty())
      .setCheckpointintervalmultiplier(1);
    expect((await readError(readOptions().setFilter(filter))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('a backwards subscription is INVALID_ARGUMENT', async () => {
    const options = readOptions().setSubscription(new streams.ReadReq.Options.SubscriptionOptions()).setReadDirection(streams.ReadReq.Options.ReadDirection.BACKWARDS);
    expect((await readError(options)).code).toBe(status.INVALID_ARGUMENT);
  });

  it('an append that does not start with options is UNKNOWN', async () => {
    expect((await appendError([proposed(jsonMetadata)])).code).toBe(status.UNKNOWN);
  });

  it('a proposed event without content-type is INVALID_ARGUMENT with the required-metadata trailers', async () => {
    const error = await appendError([appendOptions(), proposed({ type: 'T' })]);
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(trailers(error)).toMatchObject({ exception: 'missing-required-metadata-property', 'required-metadata-properties': 'type,content-type' });
  });

  it('an append over the maximum size is INVALID_ARGUMENT with maximum-append-size', async () => {
    const big = Buffer.alloc(600 * 1024, 'a');
    const error = await appendError([appendOptions(), proposed(jsonMetadata, big), proposed(jsonMetadata, big)]);
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(trailers(error)).toMatchObject({ exception: 'maximum-append-size-exceeded', 'maximum-append-size': String(MAX_APPEND) });
  });

  it('the client reports an oversized append as MaxAppendSizeExceededError', async () => {
    const big = 'a'.repeat(600 * 1024);
    const error = await rejection(
      target().client.appendToStream(streamName(), [jsonEvent({ type: 'Big', data: { big } }), jsonEvent({ type: 'Big', data: { big } })]),
    );
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
  });

  it('a message above the 17 MiB transport limit is RESOURCE_EXHAUSTED and the server keeps serving', async () => {
    const error = await appendError([appendOptions(), proposed(jsonMetadata, Buffer.alloc(18 * 1024 * 1024, 'a'))]);
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(await collect(target().client.readStream(kept))).toHaveLength(1);
  });

  it('an event id that is not a UUID is INVALID_ARGUMENT', async () => {
    const error = await appendError([appendOptions(), proposed(jsonMetadata, Buffer.from('{}'), new shared.UUID().setString('not-a-uuid'))]);
    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });

  it('an invalid filter regex is INVALID_ARGUMENT', async () => {
    const options = new streams.ReadReq.Options()
      .setAll(new streams.ReadReq.Options.AllOptions().setStart(new shared.Empty()))
      .setCount('1')
      .setUuidOption(new streams.ReadReq.Options.UUIDOption().setString(new shared.Empty()))
      .setFilter(
        new streams.ReadReq.Options.FilterOptions()
          .setEventType(new streams.ReadReq.Options.FilterOptions.Expression().setRegex('(unclosed'))
          .setCount(new shared.Empty())
          .setCheckpointintervalmultiplier(1),
      );
    expect((await readError(options)).code).toBe(status.INVALID_ARGUMENT);
  });

  it('bytes that are not a protobuf message get an error status, not a crash', async () => {
    const client = raw();
    const error = await new Promise<ServiceError>((resolve, reject) =>
      client.makeUnaryRequest(
        '/event_store.client.streams.Streams/Delete',
        (value: Buffer) => value,
        (value: Buffer) => value,
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
        (err) => (err ? resolve(err) : reject(new Error('garbage was accepted'))),
      ),
    ).finally(() => client.close());
    expect(error.code).not.toBe(status.OK);
    expect(await collect(target().client.readStream(kept))).toHaveLength(1);
  });

  it('structured event ids are accepted and read back as structured ids when asked', async () => {
    const stream = streamName();
    const id = randomUUID();
    const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
    const structured = new shared.UUID.Structured()
      .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
      .setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
    const client = raw();
    await new Promise<void>((resolve, reject) => {
      const call = client.append((error) => (error ? reject(error) : resolve()));
      call.write(appendOptions(stream));
      call.write(proposed(jsonMetadata, Buffer.from('{}'), new shared.UUID().setStructured(structured)));
      call.end();
    });
    const options = new streams.ReadReq.Options()
      .setStream(new streams.ReadReq.Options.StreamOptions().setStreamIdentifier(streamIdentifier(stream)).setStart(new shared.Empty()))
      .setCount('1')
      .setNoFilter(new shared.Empty())
      .setUuidOption(new streams.ReadReq.Options.UUIDOption().setStructured(new shared.Empty()));
    const read = client.read(new streams.ReadReq().setOptions(options));
    const [response] = await collect<Streams.ReadResp>(read);
    client.close();
    const readId = response.getEvent()!.getEvent()!.getId()!.getStructured()!;
    expect([readId.getMostSignificantBits(), readId.getLeastSignificantBits()]).toEqual([structured.getMostSignificantBits(), structured.getLeastSignificantBits()]);
    const [viaClient] = await collect(target().client.readStream(stream));
    expect(viaClient.event!.id).toBe(id);
  });
});
