import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layout rules of ARCHITECTURE.md, checked on every run rather than only written down:
 * domain code is pure, contexts meet only through contracts, libraries never reach into the app.
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

  it('never lets a library import the application', () => {
    const libraryFiles = sourceFiles(join(root, 'libs'));
    const notTheApp = (specifier: string, file: string) => !(specifier.startsWith('.') && isInside(resolveRelative(file, specifier), join(root, 'apps')));
    expect(violations(libraryFiles, notTheApp)).toEqual([]);
  });
});
