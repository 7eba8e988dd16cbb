import { recordedThingPaid, thingCloudEventTypes, thingId } from '../../test/cloudevent.fixtures.js';
import { RecordingSink } from '../../test/recording-sink.js';
import { CloudEventMapper } from '../mapping/cloudevent.mapper.js';
import { CloudEventTypeRegistry } from '../mapping/cloudevent-type.registry.js';
import { HttpSink } from './http-sink.js';

describe('an HTTP sink', () => {
  let endpoint: RecordingSink;
  const registry = new CloudEventTypeRegistry();
  registry.register(thingCloudEventTypes);
  const event = new CloudEventMapper(registry).toCloudEvent(recordedThingPaid());
  const never = new AbortController().signal;

  beforeAll(async () => {
    endpoint = await RecordingSink.start();
  });

  afterAll(async () => {
    await endpoint?.down();
  });

  beforeEach(() => {
    endpoint.requests.length = 0;
    endpoint.answer = () => 204;
  });

  it('in binary mode sends the attributes as ce-* headers and the data as the JSON body', async () => {
    expect(await new HttpSink(endpoint.url, 'binary', 1000).send(event, never)).toEqual({ delivered: true });
    const [request] = endpoint.requests;
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-source': 'openbank',
      'ce-type': 'bank.thing.paid.v2',
      'ce-subject': thingId,
      'ce-time': '2026-03-01T10:20:30.456Z',
      'ce-correlationid': 'req-42',
    });
    expect(JSON.parse(request.body)).toEqual(event.data);
  });

  it('in structured mode sends the whole event as an application/cloudevents+json body', async () => {
    await new HttpSink(endpoint.url, 'structured', 1000).send(event, never);
    const [request] = endpoint.requests;
    expect(request.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(request.headers['ce-id']).toBeUndefined();
    expect(JSON.parse(request.body)).toMatchObject({ specversion: '1.0', id: event.id, type: 'bank.thing.paid.v2', subject: thingId, correlationid: 'req-42', data: event.data });
  });

  it('reads the same event back from either mode', async () => {
    await new HttpSink(endpoint.url, 'binary', 1000).send(event, never);
    await new HttpSink(endpoint.url, 'structured', 1000).send(event, never);
    expect(endpoint.delivered[0]).toEqual(endpoint.delivered[1]);
  });

  it.each([200, 202, 204])('takes %i as delivered', async (status) => {
    endpoint.answer = () => status;
    expect(await new HttpSink(endpoint.url, 'binary', 1000).send(event, never)).toEqual({ delivered: true });
  });

  it.each([400, 404, 410, 413, 422])('takes %i as a permanent refusal', async (status) => {
    endpoint.answer = () => status;
    expect(await new HttpSink(endpoint.url, 'binary', 1000).send(event, never)).toMatchObject({ delivered: false, permanent: true });
  });

  it.each([301, 408, 429, 500, 503])('takes %i as worth another attempt', async (status) => {
    endpoint.answer = () => status;
    expect(await new HttpSink(endpoint.url, 'binary', 1000).send(event, never)).toMatchObject({
      delivered: false,
      permanent: false,
      reason: `${endpoint.url} answered ${status}`,
    });
  });

  it('takes an unreachable sink as worth another attempt, and names it without its credentials or query', async () => {
    const closed = await RecordingSink.start();
    await closed.down();
    const url = closed.url.replace('http://', 'http://user:secret@') + '?token=secret';
    const outcome = await new HttpSink(url, 'binary', 1000).send(event, never);
    expect(outcome).toMatchObject({ delivered: false, permanent: false, reason: expect.stringMatching(/unreachable: .*ECONNREFUSED/) });
    expect(JSON.stringify(outcome)).not.toMatch(/secret/);
  });

  it('turns credentials in the URL into Basic authentication', async () => {
    const url = endpoint.url.replace('http://', 'http://ops%40bank:p%3Ass@');
    expect(await new HttpSink(url, 'binary', 1000).send(event, never)).toEqual({ delivered: true });
    expect(endpoint.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('ops@bank:p:ss').toString('base64')}`);
  });
});
