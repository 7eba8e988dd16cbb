/**
 * A client that starts an append and never finishes it: `session <address> <stream>` sends the
 * first stream of a v2 append session, `append <address> <stream>` the options and one event of a
 * v1 append; then it prints `sent` and waits to be killed.
 */
import { randomUUID } from 'node:crypto';
import { shared, streamIdentifier, streams, streamsClient, v2Streams, v2StreamsClient } from './raw-grpc.js';

const [kind, connectionString, stream] = process.argv.slice(2);
const sent = () => console.log('sent');

if (kind === 'session') {
  const call = v2StreamsClient(connectionString).appendSession(() => undefined);
  const record = new v2Streams.AppendRecord()
    .setRecordId(randomUUID())
    .setSchema(new v2Streams.SchemaInfo().setFormat(v2Streams.SchemaFormat.SCHEMA_FORMAT_JSON).setName('Debited'))
    .setData(Buffer.from('{}'));
  const request = new v2Streams.AppendRequest().setStream(stream).setExpectedRevision('-2');
  request.addRecords(record);
  call.write(request, sent);
} else {
  const call = streamsClient(connectionString).append(() => undefined);
  const message = new streams.AppendReq.ProposedMessage().setId(new shared.UUID().setString(randomUUID())).setData(Buffer.from('{}'));
  message.getMetadataMap().set('type', 'T').set('content-type', 'application/json');
  call.write(new streams.AppendReq().setOptions(new streams.AppendReq.Options().setStreamIdentifier(streamIdentifier(stream)).setAny(new shared.Empty())));
  call.write(new streams.AppendReq().setProposedMessage(message), sent);
}
setInterval(() => undefined, 60_000);
