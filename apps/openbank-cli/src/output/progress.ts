import cliProgress from 'cli-progress';
import type { OutputStream } from '../cli-io.js';

export type ProgressBar = InstanceType<typeof cliProgress.SingleBar>;

/**
 * A progress bar on the error stream, so standard output stays the command's result. On a
 * terminal it redraws in place; piped (CI logs, tests) it prints a line every second.
 */
export function progressBar(stream: OutputStream, format: string): ProgressBar {
  return new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: Boolean(stream.isTTY),
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
}
