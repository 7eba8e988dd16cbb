import { createServer } from 'node:net';
import { ExitCode } from '../src/exit-codes.js';
import { openbank } from './cli-harness.js';

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}

describe('the openbank command line', () => {
  it('lists every command in its help, with the exit codes', async () => {
    const help = await openbank(['--help']);

    expect(help.code).toBe(ExitCode.Ok);
    for (const command of ['start', 'stop', 'status', 'logs', 'seed', 'projections', 'verify', 'streams', 'archive', 'backup', 'restore']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(help.stdout).toContain('Exit codes: 0 ok');
    expect(help.stdout).toContain('--token <token>');
  });

  it('has help for each command, with the global options', async () => {
    for (const command of [['start'], ['stop'], ['status'], ['logs'], ['seed'], ['verify'], ['projections', 'rebuild'], ['projections', 'replay'], ['streams', 'idle'], ['archive', 'run'], ['restore']]) {
      const help = await openbank([...command, '--help']);
      expect({ command, code: help.code }).toEqual({ command, code: ExitCode.Ok });
      expect(help.stdout).toContain(`Usage: openbank ${command.join(' ')}`);
      expect(help.stdout).toContain('Global Options:');
    }
  }, 60_000);

  it('refuses an unknown command with a usage error', async () => {
    const unknown = await openbank(['frobnicate']);
    expect(unknown).toEqual({ code: ExitCode.Usage, stdout: '', stderr: "error: unknown command 'frobnicate'\n(see `openbank --help`)\n" });

    const unknownSubcommand = await openbank(['projections', 'explode']);
    expect(unknownSubcommand.code).toBe(ExitCode.Usage);
    expect(unknownSubcommand.stderr).toContain("unknown command 'projections explode' (one of: list, rebuild, parked, replay, superseded)");
  });

  it('refuses missing arguments, extra arguments and bad option values', async () => {
    expect(await openbank(['projections', 'rebuild'])).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining("missing required argument 'name'") });
    expect(await openbank(['status', 'now'])).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining("too many arguments for 'status'") });
    expect(await openbank(['seed', '--persons', 'many'])).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining('--persons must be a whole number') });
    expect(await openbank(['seed', '--persons', '0', '--accounts', '2'])).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining('accounts need owners') });
    expect(await openbank(['status', '--url', 'not a url'])).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining('--url must be a URL') });
    expect(await openbank(['projections'])).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining("'projections' needs a command") });
  });

  it('says so when OpenBank does not answer', async () => {
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    const status = await openbank(['status'], { OPENBANK_URL: nobody });

    expect(status.code).toBe(ExitCode.Unreachable);
    expect(status.stderr).toBe(`openbank: cannot reach OpenBank at ${nobody} (ECONNREFUSED): start it with \`openbank start\`, or point --url / OPENBANK_URL at it\n`);
    expect((await openbank(['verify', '--url', nobody])).code).toBe(ExitCode.Unreachable);
  });

  it('stops nothing when nothing was started, and has no log to show', async () => {
    expect(await openbank(['stop'])).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringContaining('OpenBank is not running') });
    expect(await openbank(['logs'])).toMatchObject({ code: ExitCode.Failed, stderr: expect.stringContaining('no log at') });
  });

  it('explains that --docker needs a Docker engine when there is none', async () => {
    const started = await openbank(['start', '--docker'], { PATH: '/nonexistent' });

    expect(started.code).toBe(ExitCode.Failed);
    expect(started.stderr).toContain('--docker needs a Docker engine, but the `docker` command is not installed: run `openbank start` without --docker to use the embedded stores');
  });
});
