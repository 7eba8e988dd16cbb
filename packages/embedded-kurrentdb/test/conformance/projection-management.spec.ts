import { randomUUID } from 'node:crypto';
import {
  ABORTED,
  FAULTED,
  jsonEvent,
  NotFoundError,
  RUNNING,
  STOPPED,
  StreamNotFoundError,
  UnknownError,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import { collect, eventually, rejection, uniqueCategory, useTarget } from '../support/target.js';

/**
 * The projection management API over gRPC, on a node that runs all projections with the system
 * ones stopped until enabled (a real node started with --run-projections=All; with
 * --start-standard-projections=true the enable calls here are no-ops). Projections run
 * asynchronously on both, so results are polled.
 */
describe('projection management', () => {
  const target = useTarget({ runProjections: 'all', startStandardProjections: false });
  const client = () => target().client;
  const name = (prefix: string) => `${prefix}-${randomUUID()}`;

  const statusOf = async (projection: string) => (await client().getProjectionStatus(projection)).projectionStatus;
  const eventuallyEquals = <T>(read: () => Promise<T>, expected: T, timeoutMs = 10000) =>
    eventually(async () => {
      const value = await read();
      return JSON.stringify(value) === JSON.stringify(expected) ? value : undefined;
    }, timeoutMs);

  it('lists the system projections with the user ones, all continuous', async () => {
    const projection = name('listed');
    await client().createProjection(projection, 'fromAll().when({ $init: function () { return {}; } });');
    const names = (await client().listProjections()).map((details) => details.name);
    expect(names).toEqual(expect.arrayContaining(['$by_category', '$by_event_type', '$stream_by_category', '$streams', projection]));
  });

  it('runs a continuous projection over a stream: $init, typed handlers, state', async () => {
    const projection = name('counter');
    const stream = name('counted');
    await client().createProjection(projection, `fromStream('${stream}').when({ $init() { return 0; }, count_this(state, event) { return state + 1; } });`);
    expect(await statusOf(projection)).toBe(RUNNING);
    await client().appendToStream(stream, [1, 2, 3].map(() => jsonEvent({ type: 'count_this', data: {} })));
    await client().appendToStream(stream, jsonEvent({ type: 'ignored', data: {} }));
    expect(await eventuallyEquals(() => client().getProjectionState<number>(projection), 3)).toBe(3);
  });

  it('partitions a category by stream and transforms state into a result', async () => {
    await client().enableProjection('$by_category');
    const category = uniqueCategory('cat');
    const projection = name('naps');
    await client().createProjection(
      projection,
      `fromCategory('${category}').foreachStream().when({
        $init() { return { naps: 0 }; },
        napped(state) { state.naps++; }
      }).transformBy(function (state) { return { total: state.naps * 10 }; });`,
    );
    await client().appendToStream(`${category}-tom`, [1, 2].map(() => jsonEvent({ type: 'napped', data: {} })));
    await client().appendToStream(`${category}-felix`, jsonEvent({ type: 'napped', data: {} }));
    const tom = await eventuallyEquals(() => client().getProjectionState(projection, { partition: `${category}-tom` }), { naps: 2 });
    expect(tom).toEqual({ naps: 2 });
    expect(await client().getProjectionResult(projection, { partition: `${category}-tom` })).toEqual({ total: 20 });
    expect(await eventuallyEquals(() => client().getProjectionState(projection, { partition: `${category}-felix` }), { naps: 1 })).toEqual({ naps: 1 });
  });

  it('emits events and links when emitting is enabled, and tracks the streams it emitted to', async () => {
    const projection = name('emitter');
    const source = name('source');
    const emitted = name('emitted');
    const linked = name('linked');
    await client().createProjection(
      projection,
      `fromStream('${source}').when({ ping(state, event) { emit('${emitted}', 'pong', { n: event.data.n }); linkTo('${linked}', event); } });`,
      { emitEnabled: true, trackEmittedStreams: true },
    );
    await client().appendToStream(source, jsonEvent({ type: 'ping', data: { n: 7 } }));
    const [pong] = await eventually(() => readIfExists(client(), emitted));
    expect(pong.event).toMatchObject({ type: 'pong', data: { n: 7 } });
    const [link] = await eventually(() => readIfExists(client(), linked, true));
    expect(link.event).toMatchObject({ type: 'ping', streamId: source });
    const tracked = await eventually(() => readIfExists(client(), `$projections-${projection}-emittedstreams`));
    expect(tracked.map((e) => e.event?.type)).toContain('$StreamTracked');
  });

  it('faults a projection that emits without emitting enabled', async () => {
    const projection = name('no-emit');
    const source = name('source');
    await client().createProjection(projection, `fromStream('${source}').when({ ping() { emit('${name('nowhere')}', 'pong', {}); } });`);
    await client().appendToStream(source, jsonEvent({ type: 'ping', data: {} }));
    const details = await eventually(async () => {
      const found = await client().getProjectionStatus(projection);
      return found.projectionStatus === FAULTED ? found : undefined;
    });
    expect(details.stateReason).not.toBe('');
  });

  it('faults a projection whose handler never returns, and keeps serving', async () => {
    const projection = name('spinner');
    const source = name('source');
    await client().createProjection(projection, `fromStream('${source}').when({ spin() { while (true) {} } });`);
    await client().appendToStream(source, jsonEvent({ type: 'spin', data: {} }));
    expect(await eventuallyEquals(() => statusOf(projection), FAULTED, 20000)).toBe(FAULTED);
    expect(await statusOf('$by_category')).toBeDefined();
  });

  it('disables (Stopped), aborts (Aborted) and enables (Running) again', async () => {
    const projection = name('toggled');
    await client().createProjection(projection, 'fromAll().when({ $init: function () { return {}; } });');
    await client().disableProjection(projection);
    expect(await statusOf(projection)).toBe(STOPPED);
    await client().enableProjection(projection);
    expect(await statusOf(projection)).toBe(RUNNING);
    await client().abortProjection(projection);
    expect(await statusOf(projection)).toBe(ABORTED);
    await client().enableProjection(projection);
    expect(await statusOf(projection)).toBe(RUNNING);
  });

  it('resets a projection: it processes its events again from a fresh state', async () => {
    const projection = name('reset');
    const stream = name('counted');
    await client().createProjection(projection, `fromStream('${stream}').when({ $init() { return 0; }, hit(state) { return state + 1; } });`);
    await client().appendToStream(stream, [1, 2].map(() => jsonEvent({ type: 'hit', data: {} })));
    await eventuallyEquals(() => client().getProjectionState<number>(projection), 2);
    // A new query keeps the state (2); only a reset makes it count the two events again, by tens.
    await client().updateProjection(projection, `fromStream('${stream}').when({ $init() { return 0; }, hit(state) { return state + 10; } });`);
    expect(await client().getProjectionState<number>(projection)).toBe(2);
    await client().resetProjection(projection);
    expect(await eventuallyEquals(() => client().getProjectionState<number>(projection), 20)).toBe(20);
  });

  it('updates the query of a projection', async () => {
    const projection = name('updated');
    const stream = name('counted');
    await client().createProjection(projection, `fromStream('${stream}').when({ $init() { return { seen: 0 }; }, a(state) { state.seen++; } });`);
    await client().updateProjection(projection, `fromStream('${stream}').when({ $init() { return { seen: 0 }; }, b(state) { state.seen += 10; } });`);
    await client().appendToStream(stream, [jsonEvent({ type: 'a', data: {} }), jsonEvent({ type: 'b', data: {} })]);
    expect(await eventuallyEquals(() => client().getProjectionState(projection), { seen: 10 })).toEqual({ seen: 10 });
  });

  it('deletes only a stopped projection; afterwards it is not found', async () => {
    const projection = name('deleted');
    await client().createProjection(projection, 'fromAll().when({ $init: function () { return {}; } });');
    expect(await rejection(client().deleteProjection(projection))).toBeInstanceOf(UnknownError);
    await client().disableProjection(projection);
    await client().deleteProjection(projection, { deleteCheckpointStream: true, deleteStateStream: true, deleteEmittedStreams: true });
    expect(await rejection(client().getProjectionStatus(projection))).toBeInstanceOf(NotFoundError);
  });

  it('answers NotFound for a projection that does not exist', async () => {
    const missing = name('missing');
    for (const call of [
      () => client().getProjectionStatus(missing),
      () => client().getProjectionState(missing),
      () => client().getProjectionResult(missing),
      () => client().enableProjection(missing),
      () => client().disableProjection(missing),
      () => client().resetProjection(missing),
      () => client().updateProjection(missing, 'fromAll()'),
      () => client().deleteProjection(missing),
    ]) {
      expect(await rejection(call())).toBeInstanceOf(NotFoundError);
    }
  });

  it('refuses a second projection of the same name', async () => {
    const projection = name('twice');
    await client().createProjection(projection, 'fromAll().when({ $init: function () { return {}; } });');
    expect(await rejection(client().createProjection(projection, 'fromAll().when({})'))).toBeInstanceOf(UnknownError);
  });

  it('links new streams into $streams and $category-<category> once their projections run', async () => {
    await client().enableProjection('$streams');
    await client().enableProjection('$stream_by_category');
    const category = uniqueCategory('new');
    const stream = `${category}-${randomUUID()}`;
    await client().appendToStream(stream, [jsonEvent({ type: 'First', data: {} }), jsonEvent({ type: 'Second', data: {} })]);
    const inCategory = await eventually(() => readIfExists(client(), `$category-${category}`, true));
    expect(inCategory.map((e) => [e.event?.streamId, e.event?.revision])).toEqual([[stream, 0n]]);
    const all = await eventually(async () => {
      const links = await readIfExists(client(), '$streams');
      return links?.some((e) => Buffer.from(e.event!.data as Uint8Array).toString() === `0@${stream}`) ? links : undefined;
    });
    expect(all.length).toBeGreaterThan(0);
  });

  it('restarts the projection subsystem', async () => {
    await expect(client().restartSubsystem()).resolves.toBeUndefined();
    expect(await statusOf('$by_category')).toBe(RUNNING);
  });
});

/** The stream's events, or undefined while it does not exist yet. */
async function readIfExists(client: KurrentDBClient, stream: string, resolveLinkTos = false) {
  try {
    const events = await collect(client.readStream(stream, { resolveLinkTos }));
    return events.length > 0 ? events : undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}
