import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@openbank/testing';
import { parse } from 'yaml';

export type ComposeFile = { services: Record<string, { environment?: Record<string, string | number>; command?: string[]; deploy?: { replicas?: number } }> };

export function composeFile(): ComposeFile {
  return parse(readFileSync(join(repositoryRoot, 'docker-compose.yml'), 'utf8')) as ComposeFile;
}

/**
 * A service's environment as `docker compose up` gives it when nothing overrides it (no .env, no
 * shell variables): `${NAME:-default}` becomes the default, `${NAME}` empty.
 */
export function composeEnvironment(service: string): Record<string, string> {
  const declared = composeFile().services[service]?.environment ?? {};
  return Object.fromEntries(
    Object.entries(declared).map(([name, value]) => [name, String(value).replace(/\$\{\w+(?::?-([^}]*))?\}/g, (_, fallback: string | undefined) => fallback ?? '')]),
  );
}

/** The `ENV` settings of the Dockerfile's last stage: what the running image starts with. */
export function imageEnvironment(): Record<string, string> {
  const dockerfile = readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8');
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const settings = [...lastStage.matchAll(/^ENV\s+(.+)$/gm)].flatMap((line) => [...line[1].matchAll(/(\w+)=("[^"]*"|\S+)/g)]);
  return Object.fromEntries(settings.map(([, name, value]) => [name, value.replace(/^"|"$/g, '')]));
}
