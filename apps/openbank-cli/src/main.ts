import 'reflect-metadata';
import { runCli } from './cli.js';

// The `openbank` command: bin/openbank.js runs it from the sources, or from the build.

// Output piped into a command that stops reading (`openbank logs | head`) ends the run quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Commands that run until interrupted (logs -f, following a rebuild) end on their own; others are cut short.
    interrupted.abort();
    setTimeout(() => process.exit(130), 1000).unref();
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupted.signal,
});
