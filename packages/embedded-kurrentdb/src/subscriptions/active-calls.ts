/**
 * Long-running calls (subscriptions, BatchAppend sessions, persistent subscription consumers)
 * register here so that stopping the server ends them with a status instead of leaving
 * clients waiting on a socket that is about to close.
 */
export class ActiveCalls {
  private readonly closers = new Set<() => void>();

  add(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  closeAll(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
  }
}
