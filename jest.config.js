/**
 * One Jest run for the whole monorepo; specs live next to the code they test.
 * The project is ES modules (Nest 12 ships ESM only), so Jest runs with --experimental-vm-modules:
 * use `npm run jest -- <path>` (or `npm test`), not a bare `npx jest`.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { pathsToModuleNameMapper } from 'ts-jest';

if (typeof vm.SourceTextModule !== 'function') {
  throw new Error('OpenBank specs are ES modules: run them with `npm run jest -- <path>` or `npm test`, not a bare `npx jest`.');
}

export default {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,packages}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/packages/[^/]+/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile file by file; `npm run typecheck` checks types once.
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
  moduleNameMapper: {
    // The @openbank/* aliases, as tsconfig.json declares them (one list for the compiler and for Jest).
    ...pathsToModuleNameMapper(JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')).compilerOptions.paths, { prefix: '<rootDir>/' }),
    // Sources import siblings as `./x.js` (ESM resolution rules); Jest resolves them to `./x.ts`.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
  // Specs start servers, child processes and gRPC channels; one that outlives its spec must not keep
  // the run from ending once every result is in (a CI run would wait for it until its own timeout).
  forceExit: true,
  // Most specs wait on servers and child processes more than they compute: two files at a time keep
  // both cores busy. Each runs in a worker that is replaced once it holds more than 1.5 GB after a
  // file (ES modules under Jest's VM keep every file's module graph alive until the worker ends).
  maxWorkers: 2,
  workerIdleMemoryLimit: '1.5GB',
};
