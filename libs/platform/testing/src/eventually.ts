import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes, for what becomes true asynchronously (read models catch
 * up after a command). Fails with the last assertion error once `timeoutMs` has passed; the
 * timeout only bounds waiting, it is never what the test asserts.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}
