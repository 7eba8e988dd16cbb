import { rebuildProgress } from './rebuild-progress.js';
import { lagText } from './subscription-status.js';

describe('rebuild progress', () => {
  it('counts events while every lag is counted', () => {
    const progress = rebuildProgress([
      { position: '500', head_position: '900', events_processed: 40, lag_events: 10, lag_events_capped: false },
      { position: '700', head_position: '900', events_processed: 60, lag_events: 0, lag_events_capped: false },
    ]);
    expect(progress).toEqual({ processed: 100, expected: '110', done: 100, total: 110 });
  });

  it('goes by commit position, up to the head of $all, once a lag is too long to count', () => {
    const progress = rebuildProgress([
      { position: '250000', head_position: '1000000', events_processed: 2_000, lag_events: 1_000, lag_events_capped: true },
      { position: '600000', head_position: '1000000', events_processed: 5_000, lag_events: 1_000, lag_events_capped: true },
    ]);
    // The least advanced target sets the pace; the expected total is only a lower bound.
    expect(progress).toEqual({ processed: 7_000, expected: '≥9000', done: 250_000, total: 1_000_000 });
  });

  it('falls back to events when the store has no head to measure by', () => {
    expect(rebuildProgress([{ events_processed: 0, lag_events: 1_000, lag_events_capped: true }])).toEqual({ processed: 0, expected: '≥1000', done: 0, total: 1_000 });
  });

  it('shows a capped lag as a lower bound in tables', () => {
    expect(lagText({ lag_events: 1_000, lag_events_capped: true })).toBe('≥1,000');
    expect(lagText({ lag_events: 12, lag_events_capped: false })).toBe('12');
  });
});
