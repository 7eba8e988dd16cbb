/** Summary of a sample of durations in milliseconds. */
export interface LatencySummary {
  readonly samples: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(durations: number[]): LatencySummary {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    samples: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
    p50: at(50),
    p99: at(99),
    max: sorted.at(-1) ?? 0,
  };
}

/** Runs `operation` `times` times one after another and returns each duration in milliseconds. */
export async function timeEach(times: number, operation: (index: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    await operation(index);
    durations.push(performance.now() - started);
  }
  return durations;
}
