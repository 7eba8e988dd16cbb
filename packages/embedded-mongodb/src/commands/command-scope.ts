/**
 * What the command being executed allows, readable by the query engine without threading it
 * through every call: commands run synchronously one at a time, so one current scope is exact.
 */
export interface CommandScope {
  /** Server-side JavaScript (`$where`) is enabled on this server. */
  readonly javascript: boolean;
  /** `Date.now()` after which the command has exceeded its `maxTimeMS`. */
  readonly deadline: number;
  /** The command asked for `bypassDocumentValidation`. */
  readonly bypassValidation?: boolean;
}

const UNBOUNDED: CommandScope = { javascript: false, deadline: Infinity };
let current: CommandScope = UNBOUNDED;

export function currentScope(): CommandScope {
  return current;
}

export function withScope<T>(scope: CommandScope, run: () => T): T {
  const previous = current;
  current = scope;
  try {
    return run();
  } finally {
    current = previous;
  }
}
