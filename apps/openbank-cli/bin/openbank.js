#!/usr/bin/env node
/**
 * The `openbank` command (`npx openbank …`). In a clone of the repository it runs the CLI from
 * its TypeScript sources, so no build is needed first and it is never out of date; where only
 * the build is present (`nest build` output, e.g. a deployed image) it runs that.
 */
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const sources = new URL('../src/main.ts', import.meta.url);
const build = new URL('../../../dist/apps/openbank-cli/src/main.js', import.meta.url);

if (existsSync(sources)) {
  register('./typescript-hooks.js', import.meta.url);
  await import(sources.href);
} else if (existsSync(build)) {
  await import(build.href);
} else {
  process.stderr.write('openbank: neither the sources (apps/openbank-cli/src) nor the build (dist/apps/openbank-cli) are here\n');
  process.exitCode = 1;
}
