import { BACKWARDS, END, excludeSystemEvents, START } from '@kurrent/kurrentdb-client';
import { collect, useTarget } from '../support/target.js';

/**
 * A node writes its own events (default users, projection bookkeeping…) into `$all` before any
 * client does, in `$` streams with `$` event types: `$all` is never empty and always has a
 * position to start from, and filters on `$` names hide it all.
 */
describe('the system events of a node', () => {
  const target = useTarget();
  const client = () => target().client;

  it('begins $all with system events in $ streams', async () => {
    const first = await collect(client().readAll({ fromPosition: START, maxCount: 3 }));
    expect(first.length).toBeGreaterThan(0);
    for (const { event } of first) {
      expect(event!.streamId.startsWith('$')).toBe(true);
      expect(event!.type.startsWith('$')).toBe(true);
    }
  });

  it('has a last position before any client wrote anything', async () => {
    const [last] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(last.event!.position.commit).toBeGreaterThan(0n);
  });

  it('keeps them out of reads that exclude system events', async () => {
    const first = await collect(client().readAll({ fromPosition: START, maxCount: 50, filter: excludeSystemEvents() }));
    expect(first.every(({ event }) => !event!.type.startsWith('$'))).toBe(true);
  });
});
