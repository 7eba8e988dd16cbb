import type { Scenario } from '@openbank/testing';

/** Lets another writer append first, just before the store takes the next append. */
export function concurrently(scenario: Scenario, otherWriter: () => Promise<void>): void {
  const append = scenario.store.append.bind(scenario.store);
  let pending = true;
  scenario.store.append = async (batch) => {
    if (pending) {
      pending = false;
      await otherWriter();
    }
    return append(batch);
  };
}

/**
 * The process dies just before the store writes `stream`, on a store that writes the streams of an
 * append one after the other: the streams before it in that append are written, it and the ones
 * after are not, and the command fails.
 */
export function crashBefore(scenario: Scenario, stream: string): void {
  const append = scenario.store.append.bind(scenario.store);
  let crashing = true;
  scenario.store.append = async (batch) => {
    const at = batch.findIndex((single) => single.stream === stream);
    if (!crashing || at < 0) return append(batch);
    crashing = false;
    if (at > 0) await append(batch.slice(0, at));
    throw new Error('the process died');
  };
}
