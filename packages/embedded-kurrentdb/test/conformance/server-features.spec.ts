import { jsonEvent, persistentSubscriptionToStreamSettingsFromDefaults } from '@kurrent/kurrentdb-client';
import sharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import { collect, streamName, useTarget } from '../support/target.js';
import { featuresClient } from '../support/raw-grpc.js';

describe('ServerFeatures.GetSupportedMethods', () => {
  const target = useTarget();

  async function supported() {
    const client = featuresClient(target().connectionString);
    try {
      return await new Promise<import('@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb.js').SupportedMethods>(
        (resolve, reject) => client.getSupportedMethods(new sharedModule.Empty(), (error, response) => (error ? reject(error) : resolve(response))),
      );
    } finally {
      client.close();
    }
  }

  it('answers a dotted numeric version that is valid semver', async () => {
    const version = (await supported()).getEventStoreServerVersion();
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists the stream methods with lowercase names and their features', async () => {
    const methods = (await supported()).getMethodsList().map((m) => ({ service: m.getServiceName(), method: m.getMethodName(), features: m.getFeaturesList() }));
    const streams = 'event_store.client.streams.streams';
    expect(methods).toEqual(
      expect.arrayContaining([
        { service: streams, method: 'read', features: expect.arrayContaining(['position', 'events']) },
        { service: streams, method: 'append', features: [] },
        { service: streams, method: 'delete', features: [] },
        { service: streams, method: 'tombstone', features: [] },
        { service: streams, method: 'batchappend', features: ['deadline_duration'] },
      ]),
    );
    for (const m of methods) expect([m.service, m.method]).toEqual([m.service.toLowerCase(), m.method.toLowerCase()]);
  });

  it('lets a fresh client read first and create a persistent subscription (version parses)', async () => {
    const stream = streamName();
    await target().client.appendToStream(stream, jsonEvent({ type: 'T', data: {} }));
    expect(await collect(target().client.readStream(stream))).toHaveLength(1);
    await expect(target().client.createPersistentSubscriptionToStream(stream, 'features-check', persistentSubscriptionToStreamSettingsFromDefaults())).resolves.toBeUndefined();
  });
});
