import { DeadlineExceededError } from '@kurrent/kurrentdb-client';

/**
 * A read through the client's native connection (`readStream`, `readAll`), made safe to stop
 * early and bounded in time.
 *
 * Stopping early: a native read cannot be cancelled (its iterator has no `return`), so a caller
 * that stops before the end leaves it open until garbage collection, and what the server has
 * sent meanwhile stays counted against the connection's HTTP/2 flow-control window. A few dozen
 * such reads spend the window: from then on every read on the connection waits, forever. So a
 * read its caller left is read to its end in the background, which gives the window back.
 *
 * Time: native reads ignore the `deadline` option. Given one, a read that brings nothing for that
 * long fails with DeadlineExceededError (an outage to its callers), and is read to its end too.
 */
export async function* finishedRead<T>(reads: AsyncIterable<T>, deadlineMs?: number): AsyncGenerator<T> {
  const iterator = reads[Symbol.asyncIterator]();
  const watch = deadlineMs === undefined ? undefined : new StallWatch(deadlineMs);
  let ended = false;
  let waiting: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      waiting = iterator.next();
      const next = watch ? await watch.wait(waiting) : await waiting;
      waiting = undefined;
      if (next.done) {
        ended = true;
        return;
      }
      yield next.value;
    }
  } catch (error) {
    // The read itself failed: there is nothing more to read. A stall leaves it open.
    if (!(error instanceof ReadStalled)) ended = true;
    throw error;
  } finally {
    watch?.stop();
    if (!ended) void readToTheEnd(iterator, waiting);
  }
}

class ReadStalled extends DeadlineExceededError {
  constructor(deadlineMs: number) {
    super(undefined, `the read brought nothing for ${deadlineMs} ms`);
  }
}

/**
 * One timer for the whole read, restarted at each wait, rather than one per item (a read is
 * mostly items already received, and a timer each would cost more than the item). The time the
 * caller spends between items does not count: only a wait can stall.
 */
class StallWatch {
  private failWait: ((error: Error) => void) | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(deadlineMs: number) {
    this.timer = setTimeout(() => this.failWait?.(new ReadStalled(deadlineMs)), deadlineMs);
  }

  wait<R>(next: Promise<R>): Promise<R> {
    this.timer.refresh();
    return new Promise<R>((resolve, reject) => {
      this.failWait = reject;
      next.then(
        (value) => {
          this.failWait = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.failWait = undefined;
          reject(error);
        },
      );
    });
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

async function readToTheEnd<T>(iterator: AsyncIterator<T>, waiting: Promise<IteratorResult<T>> | undefined): Promise<void> {
  try {
    if (waiting && (await waiting).done) return;
    while (!(await iterator.next()).done);
  } catch {
    // The read failed: it is over, and its window given back.
  }
}
