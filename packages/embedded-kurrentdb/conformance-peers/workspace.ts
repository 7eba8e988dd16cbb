/**
 * The scratch directory the client tests run in: a copy of the checkout's `packages/test/src`
 * with the Docker cluster replaced by embedded servers, its own jest and TypeScript settings,
 * and the test dependencies installed from the npm registry. Nothing is written into the
 * repository or into the checkout.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const shimDirectory = path.join(import.meta.dirname, 'shim');

/** What jest and ts-jest need beyond the test package's own devDependencies. */
const runnerDependencies: Record<string, string> = {
  typescript: '~5.6.3',
  '@types/node': '^20.19.0',
};

/** Docker tooling and build helpers the embedded cluster makes unnecessary. */
const unneeded = new Set(['docker-compose', 'shx', 'cross-env']);

export interface Workspace {
  root: string;
  dataRoot: string;
  resultsFile: string;
}

interface TestPackage {
  devDependencies?: Record<string, string>;
}

export function prepareWorkspace(checkout: string, scratch: string, clientVersion: string): Workspace {
  const testPackage = JSON.parse(fs.readFileSync(path.join(checkout, 'packages/test/package.json'), 'utf8')) as TestPackage;
  fs.mkdirSync(scratch, { recursive: true });
  installDependencies(scratch, dependenciesOf(testPackage, clientVersion));
  copyTests(checkout, scratch);
  writeConfiguration(scratch);
  const dataRoot = path.join(scratch, 'data');
  fs.rmSync(dataRoot, { recursive: true, force: true });
  fs.mkdirSync(dataRoot);
  return { root: scratch, dataRoot, resultsFile: path.join(scratch, 'results.json') };
}

function dependenciesOf(testPackage: TestPackage, clientVersion: string): Record<string, string> {
  const dependencies: Record<string, string> = {};
  for (const [name, range] of Object.entries(testPackage.devDependencies ?? {})) {
    if (!unneeded.has(name)) dependencies[name] = range;
  }
  // The client under test is the version this package was built against, not the checkout's workspace copy.
  dependencies['@kurrent/kurrentdb-client'] = clientVersion;
  dependencies['@kurrent/opentelemetry'] = clientVersion;
  return { ...dependencies, ...runnerDependencies };
}

/** Runs `npm install` only when the wanted dependencies changed since the last run. */
function installDependencies(scratch: string, dependencies: Record<string, string>): void {
  const manifest = { name: 'kurrentdb-client-tests-on-embedded', private: true, dependencies };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const stamp = path.join(scratch, 'node_modules', '.installed-manifest-hash');
  const hash = createHash('sha256').update(text).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  fs.writeFileSync(path.join(scratch, 'package.json'), text);
  process.stdout.write(`installing the client tests' dependencies into ${scratch} (npm registry)…\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: scratch, stdio: 'inherit' });
  fs.writeFileSync(stamp, hash);
}

function copyTests(checkout: string, scratch: string): void {
  const target = path.join(scratch, 'src');
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(checkout, 'packages/test/src'), target, { recursive: true });
  fs.rmSync(path.join(target, 'utils/instances'), { recursive: true, force: true });
  fs.copyFileSync(path.join(shimDirectory, 'Cluster.ts'), path.join(target, 'utils/Cluster.ts'));
  fs.copyFileSync(path.join(shimDirectory, 'preflight.ts'), path.join(target, 'utils/preflight.ts'));
  fs.copyFileSync(path.join(shimDirectory, 'progress-reporter.js'), path.join(scratch, 'progress-reporter.js'));
}

function writeConfiguration(scratch: string): void {
  const jestConfig = {
    rootDir: scratch,
    testTimeout: 60_000,
    testMatch: ['**/src/**/*.test.ts', '**/src/samples/*.ts'],
    globalSetup: '<rootDir>/src/utils/preflight.ts',
    moduleNameMapper: {
      '@test-utils': '<rootDir>/src/utils',
      // Some samples import the client's workspace sources; the published packages hold them compiled under dist/.
      '^@kurrent/(kurrentdb-client|opentelemetry)/src/(.*)$': '@kurrent/$1/dist/$2',
    },
    // Type errors are the client repository's business; the tests only need to run.
    transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true, diagnostics: false }] },
  };
  fs.writeFileSync(path.join(scratch, 'jest.config.js'), `module.exports = ${JSON.stringify(jestConfig, null, 2)};\n`);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      esModuleInterop: true,
      experimentalDecorators: true,
      useUnknownInCatchVariables: false,
      skipLibCheck: true,
      sourceMap: true,
      baseUrl: '.',
      paths: { '@test-utils': ['./src/utils'] },
    },
    include: ['./src/**/*.ts'],
  };
  fs.writeFileSync(path.join(scratch, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}
