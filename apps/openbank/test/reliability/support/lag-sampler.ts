import type { BankClient } from './bank-client.js';

/**
 * Samples how far behind the read side is while a load runs: each sample is the largest `lag_ms`
 * (how long the oldest unprocessed event has waited) over every subscription.
 */
export class LagSampler {
  private readonly samples: number[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly admin: BankClient) {}

  start(everyMs = 500): void {
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  figures(): Record<string, number> {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
    return { 'lag samples': sorted.length, 'lag p50 ms': at(0.5), 'lag p99 ms': at(0.99), 'lag max ms': sorted.at(-1) ?? 0 };
  }

  private async sample(): Promise<void> {
    const answer = await this.admin.get('/api/v1/admin/subscriptions').catch(() => undefined);
    if (answer?.status === 200) this.samples.push(Math.max(0, ...(answer.body as { lag_ms: number }[]).map(({ lag_ms: lag }) => lag)));
  }
}
