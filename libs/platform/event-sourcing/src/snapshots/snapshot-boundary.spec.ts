import { crossesSnapshotBoundary } from './snapshot-store.js';

describe('crossesSnapshotBoundary', () => {
  it('is true when an append reaches a multiple of N events', () => {
    // Revision r means r + 1 events.
    expect(crossesSnapshotBoundary(8n, 9n, 10)).toBe(true);
    expect(crossesSnapshotBoundary(7n, 8n, 10)).toBe(false);
    expect(crossesSnapshotBoundary(-1n, 0n, 1)).toBe(true);
  });

  it('is true when one append of several events jumps over the multiple', () => {
    expect(crossesSnapshotBoundary(7n, 12n, 10)).toBe(true);
    expect(crossesSnapshotBoundary(9n, 12n, 10)).toBe(false);
  });

  it('never asks for a snapshot when snapshots are off', () => {
    expect(crossesSnapshotBoundary(8n, 9n, 0)).toBe(false);
  });
});
