/**
 * Runs tasks for the same key one after another, tasks for different keys concurrently. Commands
 * on one aggregate queue up here instead of racing each other into revision conflicts.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Runs the task once it holds every one of `keys`. Keys are taken in one order, whoever asks, so
   * two tasks that each wait for a key the other holds cannot happen.
   */
  async runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const [first, ...rest] = [...new Set(keys)].sort();
    if (first === undefined) return task();
    // One key (most commands) costs what `run` does.
    return this.run(first, rest.length === 0 ? task : () => this.runAll(rest, task));
  }
}
