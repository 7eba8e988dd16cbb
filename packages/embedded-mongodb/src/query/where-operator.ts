import { runInNewContext, type Context } from 'node:vm';
import type { Any, AnyObject, Options } from 'mingo/types';
import { currentScope } from '../commands/command-scope.js';
import { CommandError, ErrorCode } from '../errors.js';

/**
 * `$where` with a JavaScript predicate (a string or BSON Code), evaluated with node:vm where the
 * server was started with JavaScript enabled, and refused as by `mongod --noscripting` otherwise.
 * `this` and `obj` are the document; `sleep(ms)` blocks as in MongoDB's JavaScript engine. The
 * command's maxTimeMS bounds both the script (vm timeout) and its sleeps.
 * node:vm is no security boundary: a script can reach the server process, hence opt-in only.
 */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function timeLimitExceeded(): CommandError {
  return new CommandError(ErrorCode.MaxTimeMSExpired, 'Executor error during find command :: caused by :: operation exceeded time limit');
}

function sourceOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return value.toString();
  const code = (value as { _bsontype?: string; code?: string } | null)?._bsontype === 'Code' ? (value as { code: string }).code : undefined;
  if (code === undefined) throw new CommandError(ErrorCode.BadValue, '$where got bad type');
  return code;
}

/** A string that is not a function is the body of one; a bare expression is returned. */
function compile(source: string, context: Context): (this: unknown) => unknown {
  const trimmed = source.trim();
  if (/^function\b/.test(trimmed)) return runInNewContext(`(${trimmed})`, context) as (this: unknown) => unknown;
  try {
    return runInNewContext(`(function() { return (${trimmed}); })`, context) as (this: unknown) => unknown;
  } catch {
    return runInNewContext(`(function() { ${trimmed} })`, context) as (this: unknown) => unknown;
  }
}

export function $where(_selector: string, value: Any, _options: Options) {
  const scope = currentScope();
  // MongoDB 7 (JsFunction) answers this code when started with --noscripting.
  if (!scope.javascript) throw new CommandError(6108304, 'no globalScriptEngine in $where parsing');
  const deadline = scope.deadline;
  const context: Context = {
    sleep(ms: number) {
      const wait = Math.max(0, Number(ms) || 0);
      if (Date.now() + wait > deadline) {
        Atomics.wait(sleeper, 0, 0, Math.max(0, deadline - Date.now()));
        throw timeLimitExceeded();
      }
      Atomics.wait(sleeper, 0, 0, wait);
    },
  };
  const fn = compile(sourceOf(value), context);
  return (obj: AnyObject) => {
    if (Date.now() > deadline) throw timeLimitExceeded();
    context.obj = obj;
    const remaining = deadline - Date.now();
    try {
      const run = runInNewContext('__fn.call(obj)', Object.assign(context, { __fn: fn }), Number.isFinite(remaining) ? { timeout: Math.max(1, remaining) } : {});
      return Boolean(run);
    } catch (err) {
      if (err instanceof CommandError) throw err;
      if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw timeLimitExceeded();
      throw new CommandError(ErrorCode.JSInterpreterFailure, `Executor error during find command :: caused by :: ${(err as Error).message}`);
    }
  };
}
