import { readFileSync } from 'node:fs';
import { archiveDirectory, validateEnvironment } from './environment.js';

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

describe('the archiving settings of the environment', () => {
  it('default to accounts closed for a year, archived to a directory under DATA_DIR', () => {
    const environment = validateEnvironment({ DATA_DIR: '/var/lib/openbank' });
    expect(environment).toMatchObject({ ARCHIVE_AFTER_DAYS: 365, ARCHIVE_STORAGE: 'directory' });
    expect(archiveDirectory(environment)).toBe('/var/lib/openbank/archives');
    expect(archiveDirectory(validateEnvironment({ ARCHIVE_DIR: '/mnt/cold' }))).toBe('/mnt/cold');
  });

  it('take an S3-compatible bucket', () => {
    const environment = validateEnvironment({ ARCHIVE_STORAGE: 's3', ARCHIVE_S3_BUCKET: 'openbank-archives', ARCHIVE_S3_ENDPOINT: 'http://127.0.0.1:9000', ARCHIVE_S3_FORCE_PATH_STYLE: 'true' });
    expect(environment).toMatchObject({ ARCHIVE_S3_BUCKET: 'openbank-archives', ARCHIVE_S3_FORCE_PATH_STYLE: true });
  });

  it.each([
    [{ ARCHIVE_AFTER_DAYS: '-1' }, /ARCHIVE_AFTER_DAYS must not be less than 0/],
    [{ ARCHIVE_STORAGE: 'tape' }, /ARCHIVE_STORAGE must be one of/],
    [{ ARCHIVE_STORAGE: 's3' }, /ARCHIVE_S3_BUCKET must be a bucket name/],
    [{ ARCHIVE_STORAGE: 's3', ARCHIVE_S3_BUCKET: 'Not_A_Bucket' }, /ARCHIVE_S3_BUCKET must be a bucket name/],
    [{ ARCHIVE_S3_ENDPOINT: 'ftp://example.com' }, /ARCHIVE_S3_ENDPOINT must be an http\(s\) URL/],
  ])('refuses %o', (raw, message) => {
    expect(() => validateEnvironment(raw)).toThrow(message);
  });

  it('are documented in .env.example with their defaults', () => {
    const example = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
    const defaults = validateEnvironment({});
    for (const name of ['ARCHIVE_AFTER_DAYS', 'ARCHIVE_STORAGE', 'ARCHIVE_S3_FORCE_PATH_STYLE'] as const) expect(example).toMatch(new RegExp(`^${name}=${defaults[name]}$`, 'm'));
  });
});
