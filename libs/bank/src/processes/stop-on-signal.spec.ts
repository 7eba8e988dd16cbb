import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const module = fileURLToPath(new URL('./stop-on-signal.ts', import.meta.url));

/** A process that calls stopOnSignal with this stop, sent SIGTERM once it is ready: its exit code and what it printed. */
async function stopped(graceMs: number, stopBody: string): Promise<{ code: number | null; output: string }> {
  const script = `
    import { stopOnSignal } from ${JSON.stringify(module)};
    stopOnSignal(${graceMs}, (message) => console.log(message), async () => { ${stopBody} });
    setInterval(() => undefined, 1000);
    console.log('ready');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready') && child.signalCode === null && !output.includes('received')) child.kill('SIGTERM');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('stopOnSignal', () => {
  it('exits with 0 once the stop is done', async () => {
    const { code, output } = await stopped(10_000, 'await new Promise((resolve) => setTimeout(resolve, 100));');
    expect(code).toBe(0);
    expect(output).toContain('SIGTERM received: stopping');
  });

  it('exits with 1 when the stop is not done within the grace period, rather than hang', async () => {
    const { code, output } = await stopped(300, 'await new Promise(() => undefined);');
    expect(code).toBe(1);
    expect(output).toContain('still stopping after 300 ms (SHUTDOWN_GRACE_MS): exiting without finishing');
  });

  it('exits with 1 when the stop fails', async () => {
    const { code, output } = await stopped(10_000, "throw new Error('store gone');");
    expect(code).toBe(1);
    expect(output).toContain('stopping failed: Error: store gone');
  });
});
