import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layout rules of docs/architecture.md, checked on every run rather than only written down:
 * domain code is pure, contexts meet only through contracts and in one direction, each folder of
 * a context imports only what its role needs, the platform knows no context, libraries never
 * reach into the apps.
 */
const root = resolve(import.meta.dirname, '../../..');

/** A bounded context is a library with a domain folder. */
const contextsRoot = join(root, 'libs', 'contexts');
const contexts = readdirSync(contextsRoot).filter((name) => exists(join(contextsRoot, name, 'src', 'domain')));

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function sourceFiles(directory: string): string[] {
  if (!exists(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

function violations(files: string[], isAllowed: (specifier: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((specifier) => !isAllowed(specifier, file))
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

const resolveRelative = (file: string, specifier: string) => resolve(file, '..', specifier);
const withoutSpecs = (files: string[]) => files.filter((file) => !file.endsWith('.spec.ts'));

/** Which contexts each context may use (through their entry point): one direction, no cycle. A context not named here may use none. */
const contextDependencies: Record<string, string[]> = {
  persons: [],
  accounts: ['persons'],
  transactions: ['accounts', 'persons'],
};

/** The folders of a context, and the other folders of the same context each may import. */
const folderDependencies: Record<string, string[]> = {
  domain: [],
  commands: ['domain', 'read-models', 'write-model-queries'],
  // Query handlers answer the queries other contexts send, declared in contracts/.
  'read-models': ['domain', 'contracts'],
  'write-model-queries': ['domain', 'contracts'],
  processes: ['domain', 'commands'],
  contracts: ['domain', 'read-models'],
};
const contextPackages = new Set(Object.keys(contextDependencies).map((context) => `@openbank/${context}`));
const isInside = (path: string, directory: string) => path === directory || path.startsWith(directory + sep);

describe('architecture rules', () => {
  it('has bounded contexts to check', () => {
    expect(contexts).toEqual(expect.arrayContaining(['persons', 'accounts']));
  });

  it('keeps domain code free of Nest, mongoose and the KurrentDB client', () => {
    const domainFiles = contexts.flatMap((context) => sourceFiles(join(contextsRoot, context, 'src', 'domain')));
    const pure = (specifier: string, file: string) =>
      specifier === '@openbank/shared-kernel' ||
      specifier === '@openbank/testing' ||
      (specifier.startsWith('.') && isInside(resolveRelative(file, specifier), join(contextsRoot, file.split(sep).at(-4)!, 'src', 'domain')));
    expect(domainFiles.length).toBeGreaterThan(0);
    expect(violations(domainFiles, pure)).toEqual([]);
  });

  it('keeps the shared kernel pure as well', () => {
    const allowed = (specifier: string) => specifier.startsWith('.') || ['decimal.js', 'currency-codes'].includes(specifier);
    expect(violations(sourceFiles(join(root, 'libs', 'platform', 'shared-kernel', 'src')), allowed)).toEqual([]);
  });

  it('lets a context use another only through its public entry point (module and contracts)', () => {
    for (const context of contexts) {
      const files = sourceFiles(join(contextsRoot, context, 'src'));
      const ownDirectory = join(contextsRoot, context);
      const allowed = (specifier: string, file: string) => {
        if (specifier.startsWith('.')) return isInside(resolveRelative(file, specifier), ownDirectory);
        return !/libs\//.test(specifier);
      };
      expect(violations(files, allowed)).toEqual([]);
    }
  });

  it("exports nothing from a context but its module and its contracts", () => {
    for (const context of contexts) {
      const entry = readFileSync(join(contextsRoot, context, 'src', 'index.ts'), 'utf8');
      const exported = importsOf(join(contextsRoot, context, 'src', 'index.ts'));
      expect(exported.every((specifier) => specifier === './contracts/index.js' || specifier === `./${context}.module.js`)).toBe(true);
      expect(entry).toMatch(/Module \}/);
    }
  });

  it('lets contexts depend on each other in one direction only', () => {
    const allContexts = readdirSync(contextsRoot).filter((name) => exists(join(contextsRoot, name, 'src')));
    expect(allContexts).toEqual(expect.arrayContaining(Object.keys(contextDependencies)));
    for (const context of allContexts) {
      const files = withoutSpecs(sourceFiles(join(contextsRoot, context, 'src')));
      const mayUse = contextDependencies[context] ?? [];
      const allowed = (specifier: string) => !allContexts.some((other) => specifier === `@openbank/${other}`) || mayUse.includes(specifier.slice('@openbank/'.length));
      expect(violations(files, allowed)).toEqual([]);
    }
  });

  it('lets each folder of a context import only the folders its role needs', () => {
    for (const context of contexts) {
      const source = join(contextsRoot, context, 'src');
      for (const [folder, mayUse] of Object.entries(folderDependencies)) {
        const allowed = (specifier: string, file: string) => {
          if (!specifier.startsWith('.')) return true;
          const target = relative(source, resolveRelative(file, specifier)).split(sep)[0];
          return target === folder || !(target in folderDependencies) || mayUse.includes(target);
        };
        expect(violations(withoutSpecs(sourceFiles(join(source, folder))), allowed)).toEqual([]);
      }
    }
  });

  it('keeps the platform libraries ignorant of the contexts and of the bank built from them', () => {
    const platformFiles = withoutSpecs(sourceFiles(join(root, 'libs', 'platform')));
    const notTheBank = (specifier: string) => !contextPackages.has(specifier) && specifier !== '@openbank/bank';
    expect(violations(platformFiles, notTheBank)).toEqual([]);
    const contextFiles = withoutSpecs(sourceFiles(contextsRoot));
    expect(violations(contextFiles, (specifier) => specifier !== '@openbank/bank')).toEqual([]);
  });

  it('never lets one application import another: what they share lives in libs/bank', () => {
    const apps = readdirSync(join(root, 'apps'));
    for (const app of apps) {
      const ownDirectory = join(root, 'apps', app);
      const own = (specifier: string, file: string) => !specifier.startsWith('.') || isInside(resolveRelative(file, specifier), ownDirectory);
      expect(violations(sourceFiles(join(ownDirectory, 'src')), own)).toEqual([]);
    }
  });

  it('never lets a library import the application', () => {
    const libraryFiles = sourceFiles(join(root, 'libs'));
    const notTheApp = (specifier: string, file: string) => !(specifier.startsWith('.') && isInside(resolveRelative(file, specifier), join(root, 'apps')));
    expect(violations(libraryFiles, notTheApp)).toEqual([]);
  });
});
