/**
 * Module hooks that run the repository's TypeScript sources without a build: `@openbank/<lib>`
 * resolves through tsconfig.json's paths, `./x.js` to `./x.ts` when only that exists, and each
 * .ts file is transpiled with the TypeScript compiler. tsx cannot do this: Nest's dependency
 * injection needs the decorator metadata (emitDecoratorMetadata) that esbuild does not emit.
 * Transpiled files are cached under node_modules/.cache, keyed by content, so only the first
 * start after a change pays for it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsconfigText = readFileSync(join(root, 'tsconfig.json'), 'utf8');
const cacheDir = join(root, 'node_modules', '.cache', 'openbank-typescript');
/** The cache key of a file covers the compiler settings and the installed compiler. */
const settingsHash = createHash('sha1').update(tsconfigText).update(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'))).digest('hex');
/** The compiler is loaded only when a file is not in the cache: most runs never need it. */
let compiler;
/** Aliases from tsconfig.json's paths, e.g. @openbank/accounts → libs/accounts/src/index.ts. */
const aliases = new Map(Object.entries(await pathsOf(tsconfigText)).map(([alias, [target]]) => [alias, pathToFileURL(resolvePath(root, target)).href]));

async function pathsOf(text) {
  try {
    return JSON.parse(text).compilerOptions?.paths ?? {};
  } catch {
    // Not plain JSON (comments, trailing commas): the compiler reads it.
    compiler ??= await loadCompiler();
    return compiler.options.paths ?? {};
  }
}

export async function resolve(specifier, context, nextResolve) {
  const aliased = aliases.get(specifier);
  if (aliased) return { url: aliased, format: 'module', shortCircuit: true };
  if (specifier.endsWith('.js') && /^(\.{1,2}\/|\/|file:)/.test(specifier)) {
    const target = new URL(specifier, context.parentURL ?? pathToFileURL(`${process.cwd()}/`).href);
    const typescript = new URL(target.href.replace(/\.js$/, '.ts'));
    if (!existsSync(fileURLToPath(target)) && existsSync(fileURLToPath(typescript))) return { url: typescript.href, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8');
  return { format: 'module', source: await transpiled(file, source), shortCircuit: true };
}

async function transpiled(file, source) {
  const key = createHash('sha1').update(settingsHash).update(file).update(source).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  compiler ??= await loadCompiler();
  const { outputText } = compiler.ts.transpileModule(source, { compilerOptions: compiler.options, fileName: file });
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Written aside, then renamed: a process reading the cache never sees half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, outputText);
    renameSync(partial, cached);
  } catch {
    // A read-only checkout still runs, only without the cache.
  }
  return outputText;
}

async function loadCompiler() {
  const { default: ts } = await import('typescript');
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const options = {
    ...config.options,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    incremental: false,
    noEmit: false,
  };
  return { ts, options };
}
