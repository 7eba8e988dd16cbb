/** Where a run of the CLI reads its settings and writes its output (the process's own, or a test's). */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the operator interrupts (Ctrl-C) a command that runs until then, such as `logs -f`. */
  readonly signal: AbortSignal;
}

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export const CLI_IO = Symbol('CLI_IO');
