import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@openbank/testing';
import { publishedSecrets } from '../src/config/auth-settings.js';

/** Where this repository writes a token secret down: a setting of AUTH_JWT_SECRET, or a `secret` constant in code. */
const secretPatterns = [/AUTH_JWT_SECRET\s*[:=]\s*(?:\$\{AUTH_JWT_SECRET:-)?["']?([^\s"'}$]+)/g, /[sS]ecret\w*\s*[:=]\s*'([^'\s]+)'/g];

function secretsWrittenInTheRepository(): Set<string> {
  const files = execFileSync('git', ['ls-files'], { cwd: repositoryRoot, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|js|json|ya?ml|md|sh)$|(^|\/)(Dockerfile|\.env\.example)$/.test(file) && !file.endsWith('package-lock.json'))
    // As the working tree has them: a file deleted there and not yet committed says nothing any more.
    .filter((file) => existsSync(join(repositoryRoot, file)));
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(repositoryRoot, file), 'utf8');
    for (const pattern of secretPatterns) for (const [, secret] of text.matchAll(pattern)) found.add(secret);
  }
  return found;
}

describe('secrets published in the repository', () => {
  it('are all refused in production (those shorter than 32 characters are refused for their length)', () => {
    const longEnough = [...secretsWrittenInTheRepository()].filter((secret) => secret.length >= 32);
    expect(longEnough.length).toBeGreaterThan(0);
    expect(longEnough.filter((secret) => !publishedSecrets.has(secret))).toEqual([]);
  });
});
