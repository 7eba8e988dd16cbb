/** Test helpers that load no client library (some specs must not load the generated protocol twice). */
import { randomUUID } from 'node:crypto';

/** `<prefix>-<uuid>`: a fresh stream in category `<prefix>`. */
export function streamName(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

/** A category name nobody else uses (categories end at the first dash, so none here). */
export function uniqueCategory(prefix = 'cat'): string {
  return `${prefix}${randomUUID().replace(/-/g, '')}`;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Resolves with what `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

/** Polls until `check` returns a value (for what a real node does asynchronously, like projections). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
