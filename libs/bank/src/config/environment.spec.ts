import { readFileSync } from 'node:fs';
import { validateEnvironment } from './environment.js';

describe('the read side and snapshot settings of the environment', () => {
  const names = ['READ_SIDE_INITIAL_BACKOFF_MS', 'READ_SIDE_MAX_BACKOFF_MS', 'READ_SIDE_MAX_RETRIES', 'MAX_SNAPSHOTS'] as const;

  it('default to a backoff from 50 ms to 2 s, temporary failures retried while they last, the newest 10 snapshots kept', () => {
    expect(validateEnvironment({})).toMatchObject({ READ_SIDE_INITIAL_BACKOFF_MS: 50, READ_SIDE_MAX_BACKOFF_MS: 2000, READ_SIDE_MAX_RETRIES: 0, MAX_SNAPSHOTS: 10 });
  });

  it('are read from the environment', () => {
    const environment = validateEnvironment({ READ_SIDE_INITIAL_BACKOFF_MS: '100', READ_SIDE_MAX_BACKOFF_MS: '30000', READ_SIDE_MAX_RETRIES: '20', MAX_SNAPSHOTS: '3' });
    expect(environment).toMatchObject({ READ_SIDE_INITIAL_BACKOFF_MS: 100, READ_SIDE_MAX_BACKOFF_MS: 30_000, READ_SIDE_MAX_RETRIES: 20, MAX_SNAPSHOTS: 3 });
  });

  it.each([
    [{ READ_SIDE_INITIAL_BACKOFF_MS: '0' }, /READ_SIDE_INITIAL_BACKOFF_MS must not be less than 1/],
    [{ READ_SIDE_INITIAL_BACKOFF_MS: '500', READ_SIDE_MAX_BACKOFF_MS: '100' }, /READ_SIDE_MAX_BACKOFF_MS must be at least READ_SIDE_INITIAL_BACKOFF_MS/],
    [{ READ_SIDE_MAX_RETRIES: '-1' }, /READ_SIDE_MAX_RETRIES must not be less than 0/],
    [{ READ_SIDE_MAX_RETRIES: 'many' }, /READ_SIDE_MAX_RETRIES must be an integer/],
    [{ MAX_SNAPSHOTS: '0' }, /MAX_SNAPSHOTS must not be less than 1/],
  ])('refuses %o', (raw, message) => {
    expect(() => validateEnvironment(raw)).toThrow(message);
  });

  it('are documented in .env.example with their defaults', () => {
    const example = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
    const defaults = validateEnvironment({});
    for (const name of names) expect(example).toMatch(new RegExp(`^${name}=${defaults[name]}$`, 'm'));
  });
});
