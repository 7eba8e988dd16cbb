import { randomUUID } from 'node:crypto';
import { jsonEvent, persistentSubscriptionToStreamSettingsFromDefaults, START, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { collect, eventually, rejection, uniqueCategory, useTarget } from '../support/target.js';

/**
 * `$by_category` and `$by_event_type`. The embedded server runs them with `runProjections`;
 * a real node needs --run-projections=All --start-standard-projections=true. Links appear
 * asynchronously on both, so every check polls.
 */
describe('system projections ($ce-, $et-) and resolveLinkTos', () => {
  const target = useTarget({ runProjections: true });
  const client = () => target().client;

  const linksIn = (stream: string, resolveLinkTos: boolean, count: number) =>
    eventually(async () => {
      try {
        const read = await collect(client().readStream(stream, { resolveLinkTos }));
        return read.length >= count ? read : undefined;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
    });

  it('links every event of <category>-<id> into $ce-<category>, resolvable to the original', async () => {
    const category = uniqueCategory('order');
    const stream = `${category}-${randomUUID()}`;
    const id = randomUUID();
    await client().appendToStream(stream, [jsonEvent({ id, type: 'OrderPlaced', data: { total: 10 } }), jsonEvent({ type: 'OrderPaid', data: {} })]);

    const raw = await linksIn(`$ce-${category}`, false, 2);
    expect(raw[0].event).toMatchObject({ type: '$>', streamId: `$ce-${category}`, revision: 0n });
    expect(Buffer.from(raw[0].event!.data as Uint8Array).toString()).toBe(`0@${stream}`);
    expect((raw[0].event!.metadata as Record<string, unknown>).$causedBy).toBe(id);

    const resolved = await linksIn(`$ce-${category}`, true, 2);
    expect(resolved[0].event).toMatchObject({ id, type: 'OrderPlaced', streamId: stream, revision: 0n, data: { total: 10 } });
    expect(resolved[0].link).toMatchObject({ type: '$>', streamId: `$ce-${category}`, revision: 0n });
    expect(resolved[0].commitPosition).toBe(resolved[0].link!.position!.commit);
  });

  it('links every event into $et-<type>', async () => {
    const type = uniqueCategory('Type');
    const category = uniqueCategory('acct');
    await client().appendToStream(`${category}-1`, jsonEvent({ type, data: { n: 1 } }));
    await client().appendToStream(`${category}-2`, jsonEvent({ type, data: { n: 2 } }));
    const resolved = await linksIn(`$et-${type}`, true, 2);
    expect(resolved.map((e) => e.event!.streamId)).toEqual([`${category}-1`, `${category}-2`]);
  });

  it('names without a dash have no category, and $ streams are never categorised', async () => {
    const name = uniqueCategory('nodash');
    await client().appendToStream(name, jsonEvent({ type: 'Solo', data: {} }));
    await client().appendToStream(`$${name}-1`, jsonEvent({ type: 'Sys', data: {} }));
    const marker = uniqueCategory('marker');
    await client().appendToStream(`${marker}-1`, jsonEvent({ type: 'Marker', data: {} }));
    await linksIn(`$ce-${marker}`, false, 1);
    expect(await rejection(collect(client().readStream(`$ce-$${name}`)))).toBeInstanceOf(StreamNotFoundError);
  });

  it('a persistent subscription on $ce-<category> with resolveLinkTos acks by link id', async () => {
    const category = uniqueCategory('ps');
    await client().appendToStream(`${category}-1`, jsonEvent({ type: 'Happened', data: {} }));
    await linksIn(`$ce-${category}`, false, 1);
    await client().createPersistentSubscriptionToStream(
      `$ce-${category}`,
      'by-category',
      persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: START, resolveLinkTos: true }),
    );
    const subscription = client().subscribeToPersistentSubscriptionToStream(`$ce-${category}`, 'by-category');
    for await (const resolved of subscription) {
      expect(resolved.event).toMatchObject({ type: 'Happened', streamId: `${category}-1` });
      expect(resolved.link).toMatchObject({ type: '$>' });
      await subscription.ack(resolved);
      break;
    }
    await subscription.unsubscribe();
    const info = await eventually(async () => {
      const current = await client().getPersistentSubscriptionToStreamInfo(`$ce-${category}`, 'by-category');
      return current.stats.totalInFlightMessages === 0 ? current : undefined;
    });
    expect(info.stats.totalInFlightMessages).toBe(0);
  });
});
