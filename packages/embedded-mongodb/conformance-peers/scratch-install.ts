import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Packages mongoose's tests require besides mongoose's own dependencies (versions from its devDependencies). */
const TEST_PACKAGES = ['mocha', 'sinon', 'uuid', 'moment', 'ajv', 'lodash.isequal', 'lodash.isequalwith'];

const PACKAGE_JSON = join(import.meta.dirname, '..', 'package.json');

export interface PreparedSuite {
  /** The copy of the checkout the tests run from (its `lib` is the mongoose under test). */
  readonly root: string;
  readonly version: string;
  /** The mongodb driver version installed for it. */
  readonly driverVersion: string;
  readonly mochaBin: string;
}

interface PackageManifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readManifest(file: string): PackageManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
}

export class MissingCheckoutError extends Error {}

/** Checks that `dir` is a mongoose source checkout and returns its manifest. */
export function inspectCheckout(dir: string): PackageManifest {
  const manifestFile = join(dir, 'package.json');
  if (!existsSync(manifestFile) || !existsSync(join(dir, 'test')) || !existsSync(join(dir, 'lib'))) {
    throw new MissingCheckoutError(`${dir} is not a mongoose source checkout (no package.json, lib/ and test/)`);
  }
  const manifest = readManifest(manifestFile);
  if (manifest.name !== 'mongoose') throw new MissingCheckoutError(`${dir} holds package ${manifest.name ?? '(unnamed)'}, not mongoose`);
  return manifest;
}

/**
 * Copies the checkout into the scratch directory and installs, from the npm registry, what its
 * tests need: mongoose's dependencies, except that the mongodb driver is the version this
 * package is tested with, plus the test-only packages. Nothing is written into the checkout or
 * into this repository; an unchanged install is reused.
 */
export function prepareSuite(checkout: string, scratchDir: string, log: (line: string) => void): PreparedSuite {
  const manifest = inspectCheckout(checkout);
  const version = manifest.version ?? 'unknown';
  const driverRange = readManifest(PACKAGE_JSON).devDependencies?.mongodb;
  if (!driverRange) throw new Error('the package has no mongodb devDependency to test mongoose with');

  const dependencies: Record<string, string> = { ...manifest.dependencies, mongodb: driverRange };
  for (const name of TEST_PACKAGES) {
    const range = manifest.devDependencies?.[name];
    if (range) dependencies[name] = range;
  }
  mkdirSync(scratchDir, { recursive: true });
  const wanted = JSON.stringify({ name: 'embedded-mongodb-peer-suite', private: true, dependencies }, null, 2) + '\n';
  const manifestFile = join(scratchDir, 'package.json');
  const installedMarker = join(scratchDir, 'node_modules', '.installed-for');
  if (!existsSync(installedMarker) || readFileSync(installedMarker, 'utf8') !== wanted) {
    writeFileSync(manifestFile, wanted);
    log(`installing the suite's dependencies into ${scratchDir} (mongodb ${driverRange})`);
    // --ignore-scripts: nothing the suite needs builds anything, and no install step may download binaries.
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], {
      cwd: scratchDir,
      stdio: 'inherit',
    });
    if (npm.status !== 0) throw new Error(`npm install in ${scratchDir} failed (exit ${npm.status})`);
    writeFileSync(installedMarker, wanted);
  }

  const root = join(scratchDir, `mongoose-${version}`);
  rmSync(root, { recursive: true, force: true });
  cpSync(checkout, root, { recursive: true, filter: (src) => !['.git', 'node_modules'].includes(basename(src)) });
  const driverVersion = readManifest(join(scratchDir, 'node_modules', 'mongodb', 'package.json')).version ?? 'unknown';
  return { root, version, driverVersion, mochaBin: join(scratchDir, 'node_modules', 'mocha', 'bin', 'mocha.js') };
}
