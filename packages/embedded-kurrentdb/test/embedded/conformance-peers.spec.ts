import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const packageRoot = path.resolve(import.meta.dirname, '../..');

/** The peer-suite job without a client checkout: it must say how to get one and fail. */
describe('npm run conformance:peers without a checkout', () => {
  it('explains how to get the client repository and exits non-zero', () => {
    const env = { ...process.env };
    delete env.KURRENTDB_CLIENT_CHECKOUT;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'conformance-peers/run.ts'], { cwd: packageRoot, env, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('git clone https://github.com/kurrent-io/KurrentDB-Client-NodeJS');
    expect(run.stderr).toContain('--checkout');
  });

  it('refuses a directory that is not a client checkout', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'conformance-peers/run.ts', '--checkout', packageRoot], { cwd: packageRoot, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('holds no packages/test/src');
  });
});
