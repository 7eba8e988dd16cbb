import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, repositoryRoot } from '@openbank/testing';
import { startListeningTestApp, type ListeningTestApp } from './test-app.js';

/** The bash blocks of the README's walk-through, in order, exactly as a reader pastes them. */
function walkthrough(): string {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## A walk-through with curl');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map(([, block]) => block).join('\n');
}

describe('the README walk-through', () => {
  let app: ListeningTestApp;

  beforeAll(async () => {
    app = await startListeningTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  const readModelAt = (path: string, caughtUp: (body: any) => boolean) =>
    eventually(async () => {
      const { body } = await app.api.get(path).expect(200);
      expect(caughtUp(body)).toBe(true);
      return body;
    });

  it('runs as written, from the first block to the last', async () => {
    const script = walkthrough();
    expect(script.split('\n').length).toBeGreaterThan(30);
    // The spec alone appends a line that reports the ids the walk-through created.
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', `${script}\necho "created $ACCOUNT_ID $SAVINGS_ID"`], {
      env: { PATH: process.env.PATH, OPENBANK: app.baseUrl },
      timeout: 60_000,
    });
    expect(stdout).toContain('"code":"INSUFFICIENT_FUNDS"');
    const [, account, savings] = /^created (\S+) (\S+)$/m.exec(stdout)!;
    // The withdrawal sent twice with one key was recorded once.
    const withdrawals = await readModelAt(`/api/v1/accounts/${account}/transactions?type=WITHDRAWAL`, (body) => body.items.length > 0);
    expect(withdrawals.items.map((item: { amount: string }) => item.amount)).toEqual(['1400.00']);
    expect(await readModelAt(`/api/v1/accounts/${savings}`, (body) => body.status === 'CLOSED')).toMatchObject({ balance: '0.00', status: 'CLOSED' });
    expect(await readModelAt(`/api/v1/accounts/${account}`, (body) => body.balance === '-450.00')).toMatchObject({ overdraft_limit: '750.00' });
  });
});
