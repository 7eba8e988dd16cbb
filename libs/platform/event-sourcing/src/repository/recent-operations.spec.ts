import { RecentOperations } from './recent-operations.js';

const at = (commit: number) => ({ commit: BigInt(commit), prepare: BigInt(commit) });

describe('RecentOperations', () => {
  it('rules an operation out after a position when the stream was seen from its first event', () => {
    const recent = RecentOperations.fromStart().followedBy([
      { position: at(10), operationId: 'step-a' },
      { position: at(20) },
      { position: at(30), operationId: 'step-b' },
    ]);
    expect(recent.mayHoldAfter('step-c', at(5))).toBe(false);
    expect(recent.mayHoldAfter('step-b', at(25))).toBe(true);
    // Written before the position: not an attempt after it.
    expect(recent.mayHoldAfter('step-a', at(15))).toBe(false);
  });

  it('rules nothing out before the first event it saw after a snapshot', () => {
    const recent = RecentOperations.from(at(100)).followedBy([{ position: at(100), operationId: 'step-a' }]);
    expect(recent.mayHoldAfter('step-b', at(50))).toBe(true);
    expect(recent.mayHoldAfter('step-b', at(99))).toBe(false);
  });

  it('forgets the oldest operations beyond what it keeps, and with them what it could rule out', () => {
    const events = Array.from({ length: 40 }, (_, index) => ({ position: at(index + 1), operationId: `step-${index + 1}` }));
    const recent = RecentOperations.fromStart().followedBy(events);
    expect(recent.mayHoldAfter('other', at(3))).toBe(true);
    expect(recent.mayHoldAfter('other', at(8))).toBe(false);
    expect(recent.mayHoldAfter('step-40', at(8))).toBe(true);
  });

  it('counts an event whose position is unknown as written after any position', () => {
    const recent = RecentOperations.fromStart().followedBy([{ operationId: 'step-a' }]);
    expect(recent.mayHoldAfter('step-a', at(1_000_000))).toBe(true);
  });
});
