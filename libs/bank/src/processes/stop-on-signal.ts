/**
 * On SIGINT or SIGTERM (the first one only), runs `stop` (what is in flight is finished or handed
 * back, then the connections close) and exits. A stop still going after `graceMs` (a store that
 * no longer answers, say) is cut short: the process exits with code 1 rather than hang until an
 * orchestrator kills it. Nothing is lost by cutting: acknowledged writes are in the event store
 * already, and events not yet acknowledged are handed out again, as after a crash.
 */
export function stopOnSignal(graceMs: number, log: (message: string) => void, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal} received: stopping (what is in flight is finished or handed back)`);
      setTimeout(() => {
        log(`still stopping after ${graceMs} ms (SHUTDOWN_GRACE_MS): exiting without finishing`);
        process.exit(1);
      }, graceMs).unref();
      void stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log(`stopping failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}
