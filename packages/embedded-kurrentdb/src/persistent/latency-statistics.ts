/** Processing times kept per consumer for `extraStatistics`, as the real server's window. */
const WINDOW = 1000;

/**
 * How long a consumer took from delivery to ack, over its last 1,000 acks, in the measurements
 * the real server reports with `extraStatistics`: Mean, Median, Fastest, Quintile 1–5, 90% …
 * 99.9%, Highest (milliseconds).
 */
export class LatencyStatistics {
  private readonly samples: number[] = [];
  private next = 0;

  record(milliseconds: number): void {
    if (this.samples.length < WINDOW) this.samples.push(milliseconds);
    else this.samples[this.next] = milliseconds;
    this.next = (this.next + 1) % WINDOW;
  }

  measurements(): [string, number][] {
    if (this.samples.length === 0) return [];
    const items = [...this.samples].sort((a, b) => a - b);
    const at = (percentile: number) => items[Math.min(items.length - 1, Math.floor((percentile / 100) * items.length))];
    const result: [string, number][] = [
      ['Mean', Math.floor(items.reduce((sum, item) => sum + item, 0) / items.length)],
      ['Median', items[Math.floor(items.length / 2)]],
      ['Fastest', items[0]],
    ];
    for (let i = 0; i < 5; i++) result.push([`Quintile ${i + 1}`, at(i * 20)]);
    for (const percentile of [90, 95, 99, 99.5, 99.9]) result.push([`${percentile}%`, at(percentile)]);
    result.push(['Highest', items[items.length - 1]]);
    return result;
  }
}
