import { rebuildProgress, rebuildSpan } from './rebuild-progress.js';
import { positionsText, rebuildText } from './subscription-status.js';

const requested_at = '2025-12-05T10:00:00.000Z';

describe('rebuild progress', () => {
  it('goes by each rebuild’s position against the head of $all, and adds up the events applied', () => {
    const progress = rebuildProgress([
      { head_position: '1000000', caught_up: false, rebuild: { state: 'running', events: 2_000, position: '250000', requested_at } },
      { head_position: '1000000', caught_up: false, rebuild: { state: 'running', events: 5_000, position: '750000', requested_at } },
    ]);

    expect(progress).toEqual({ events: 7_000, rebuilt: 0, fraction: 0.5, finished: false });
  });

  it('counts a rebuild no projector has claimed yet as not started, and a done one as whole even short of the head', () => {
    const progress = rebuildProgress([
      { head_position: '1000000', caught_up: false, rebuild: { state: 'waiting', events: 0, requested_at } },
      // Its last event of interest lies before the head: done all the same.
      { head_position: '1000000', caught_up: true, rebuild: { state: 'done', events: 300, position: '400000', requested_at, finished_at: requested_at } },
    ]);

    expect(progress).toEqual({ events: 300, rebuilt: 1, fraction: 0.5, finished: false });
  });

  it('finishes once every rebuild is done and has caught up with the events that arrived meanwhile', () => {
    const done = { state: 'done', events: 10, position: '900', requested_at, finished_at: requested_at } as const;

    expect(rebuildProgress([{ head_position: '1000', caught_up: false, rebuild: done }]).finished).toBe(false);
    expect(rebuildProgress([{ head_position: '1000', caught_up: true, rebuild: done }])).toEqual({ events: 10, rebuilt: 1, fraction: 1, finished: true });
  });

  it('shows no progress by position when the store has no head or the rebuild no position yet', () => {
    expect(rebuildProgress([{ caught_up: false, rebuild: { state: 'running', events: 0, requested_at } }]).fraction).toBe(0);
    expect(rebuildProgress([{ head_position: '1000', caught_up: false, rebuild: { state: 'running', events: 0, requested_at } }]).fraction).toBe(0);
  });

  it('times rebuilds from the first request to the last end', () => {
    const first = { requested_at: '2025-12-05T10:00:00.000Z', finished_at: '2025-12-05T10:00:02.500Z' };
    const second = { requested_at: '2025-12-05T10:00:00.100Z', finished_at: '2025-12-05T10:00:04.000Z' };

    expect(rebuildSpan([first])).toBe(2_500);
    expect(rebuildSpan([first, second])).toBe(4_000);
  });

  it('shows a lag in log positions and a rebuild in one cell each', () => {
    expect(positionsText('18446744073709551615')).toBe('18,446,744,073,709,551,615');
    expect(positionsText('0')).toBe('0');
    expect(rebuildText(undefined)).toBe('-');
    expect(rebuildText({ state: 'waiting', events: 0, requested_at })).toBe('waiting');
    expect(rebuildText({ state: 'running', events: 12_345, position: '98304', requested_at })).toBe('running · 12,345 events');
  });
});
