import { Logger } from '@nestjs/common';
import { recordedThingPaid, thingCloudEventTypes } from '../../test/cloudevent.fixtures.js';
import { RecordingSink } from '../../test/recording-sink.js';
import { CloudEventMapper } from '../mapping/cloudevent.mapper.js';
import { CloudEventTypeRegistry } from '../mapping/cloudevent-type.registry.js';
import { DeliveryStopped, HttpSink } from './http-sink.js';
import { CloudEventRefused, SinkDelivery, backoffDelay } from './sink-delivery.js';

describe('delivering to one sink', () => {
  let endpoint: RecordingSink;
  const registry = new CloudEventTypeRegistry();
  registry.register(thingCloudEventTypes);
  const mapper = new CloudEventMapper(registry);
  const quiet = new Logger('test');
  quiet.warn = () => undefined;
  const deliveryTo = (url: string) => new SinkDelivery(new HttpSink(url, 'binary', 1000), mapper, { initialBackoffMs: 1, maxBackoffMs: 8 }, quiet);

  beforeAll(async () => {
    endpoint = await RecordingSink.start();
  });

  afterAll(async () => {
    await endpoint?.down();
  });

  beforeEach(() => {
    endpoint.requests.length = 0;
  });

  it('retries the same event until the sink takes it', async () => {
    let answers = [503, 500, 429, 204];
    endpoint.answer = () => answers.shift()!;
    await deliveryTo(endpoint.url).handle(recordedThingPaid('e-1'));
    expect(endpoint.requests.map((request) => [request.event.id, request.status])).toEqual([
      ['e-1', 503],
      ['e-1', 500],
      ['e-1', 429],
      ['e-1', 204],
    ]);
    answers = [];
  });

  it('gives a refused event back to the subscription, to be parked', async () => {
    endpoint.answer = () => 400;
    await expect(deliveryTo(endpoint.url).handle(recordedThingPaid('e-2'))).rejects.toThrow(CloudEventRefused);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('abandons the event when the application stops, however long the sink has been away', async () => {
    const closed = await RecordingSink.start();
    await closed.down();
    const delivery = deliveryTo(closed.url);
    const attempt = delivery.handle(recordedThingPaid('e-3'));
    delivery.stop();
    await expect(attempt).rejects.toThrow(DeliveryStopped);
  });

  it('backs off exponentially, up to its cap', () => {
    const backoff = { initialBackoffMs: 100, maxBackoffMs: 1000 };
    expect([1, 2, 3, 4, 5, 50].map((attempt) => backoffDelay(backoff, attempt))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});
