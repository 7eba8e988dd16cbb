import { randomUUID } from 'node:crypto';
import { shared, streams, type Streams } from '../grpc/protocol.js';
import { uuidBytesToMessage, uuidTextToBytes } from '../grpc/uuid.js';
import { ANY } from '../store/append-request.js';
import { EventStore } from '../store/event-store.js';
import { ReadEventEncoder } from './read-event-encoder.js';

/** The same response built the slow, obviously right way: with the generated classes. */
function classBuilt(store: EventStore, event: number, link: number, commitPosition: number, structured: boolean): Streams.ReadResp {
  const recorded = (record: number) => {
    const message = new streams.ReadResp.ReadEvent.RecordedEvent()
      .setId(uuidBytesToMessage(store.eventId(record), structured))
      .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(store.streamById(store.records.streamId[record]).nameBytes))
      .setStreamRevision(store.isTombstoneRecord(record) ? '9223372036854775807' : String(store.records.revision[record]))
      .setPreparePosition(String(store.records.position[record]))
      .setCommitPosition(String(store.records.position[record]))
      .setCustomMetadata(store.customMetadata(record))
      .setData(store.data(record));
    message.getMetadataMap().set('type', store.typeName(store.records.typeId[record]));
    message.getMetadataMap().set('content-type', store.isJson(record) ? 'application/json' : 'application/octet-stream');
    message.getMetadataMap().set('created', `${store.createdMs(record)}0000`);
    return message;
  };
  const readEvent = new streams.ReadResp.ReadEvent().setCommitPosition(String(commitPosition));
  if (event >= 0) readEvent.setEvent(recorded(event));
  if (link >= 0) readEvent.setLink(recorded(link));
  return new streams.ReadResp().setEvent(readEvent);
}

describe('ReadEventEncoder', () => {
  const store = new EventStore();
  const id = () => uuidTextToBytes(randomUUID());
  store.append([
    {
      stream: 'order-1',
      expected: ANY,
      events: [
        { id: id(), type: 'OrderPlaced', isJson: true, metadata: Buffer.from('{"c":1}'), data: Buffer.from('{"total":"10.00"}') },
        { id: id(), type: 'Binary', isJson: false, metadata: new Uint8Array(0), data: new Uint8Array(0) },
        { id: uuidTextToBytes('00000000-0000-0000-0000-000000000000'), type: 'ZeroId', isJson: true, metadata: new Uint8Array(0), data: Buffer.alloc(300, 'x') },
      ],
    },
  ]);
  store.append([{ stream: '$ce-order', expected: ANY, events: [{ id: id(), type: '$>', isJson: false, metadata: new Uint8Array(0), data: Buffer.from('0@order-1') }] }]);
  store.append([{ stream: 'ünïcødé-strëam', expected: ANY, events: [{ id: id(), type: 'Tÿpe', isJson: true, metadata: new Uint8Array(0), data: Buffer.from('{}') }] }]);
  store.deleteStream('order-1', ANY, 'tombstone');
  const records = Array.from({ length: store.records.count }, (_, i) => i);

  it.each([false, true])('encodes every record exactly as the generated classes do (structured ids: %s)', (structured) => {
    const encoder = new ReadEventEncoder(store, structured);
    for (const record of records) {
      const position = store.records.position[record];
      expect(Buffer.from(encoder.encode(record, -1, position))).toEqual(Buffer.from(classBuilt(store, record, -1, position, structured).serializeBinary()));
    }
  });

  it('encodes a resolved link (event + link) and an unresolved one (link only)', () => {
    const encoder = new ReadEventEncoder(store, false);
    const link = records.find((r) => store.typeName(store.records.typeId[r]) === '$>')!;
    const position = store.records.position[link];
    expect(Buffer.from(encoder.encode(0, link, position))).toEqual(Buffer.from(classBuilt(store, 0, link, position, false).serializeBinary()));
    expect(Buffer.from(encoder.encode(-1, link, position))).toEqual(Buffer.from(classBuilt(store, -1, link, position, false).serializeBinary()));
  });

  it('decodes with the generated ReadResp into the same fields', () => {
    const decoded = streams.ReadResp.deserializeBinary(new ReadEventEncoder(store, false).encode(0, -1, store.records.position[0]));
    const recorded = decoded.getEvent()!.getEvent()!;
    expect(Buffer.from(recorded.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe('order-1');
    expect(recorded.getMetadataMap().get('type')).toBe('OrderPlaced');
    expect(Buffer.from(recorded.getData_asU8()).toString()).toBe('{"total":"10.00"}');
  });
});
