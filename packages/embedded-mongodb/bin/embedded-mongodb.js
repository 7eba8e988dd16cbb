#!/usr/bin/env node
// Runs the compiled server when the package was built (npm pack builds it), or its TypeScript
// sources through tsx otherwise, so a workspace checkout needs no build step.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
