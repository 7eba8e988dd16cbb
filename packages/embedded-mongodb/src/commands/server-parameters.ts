/** Runtime parameters `setParameter` may change (and `getParameter` reports); listeners apply them. */
export class ServerParameters {
  private ttlSeconds: number;
  private readonly ttlListeners: ((seconds: number) => void)[] = [];

  constructor(ttlIntervalMs: number) {
    this.ttlSeconds = ttlIntervalMs / 1000;
  }

  get ttlMonitorSleepSecs(): number {
    return this.ttlSeconds;
  }

  set ttlMonitorSleepSecs(seconds: number) {
    this.ttlSeconds = seconds;
    for (const listener of this.ttlListeners) listener(seconds);
  }

  onTtlMonitorSleepSecs(listener: (seconds: number) => void): void {
    this.ttlListeners.push(listener);
  }
}
