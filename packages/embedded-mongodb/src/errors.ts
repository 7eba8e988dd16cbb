/** Server error codes the driver and mongoose react to, with MongoDB's code names. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  NoSuchKey: 4,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  MaxTimeMSExpired: 50,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  NoReplicationEnabled: 76,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  DocumentValidationFailure: 121,
  JSInterpreterFailure: 139,
  InvalidPipelineOperator: 168,
  CannotIndexParallelArrays: 171,
  NoQueryExecutionPlans: 291,
  UnsupportedOpQueryCommand: 352,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
} as const;

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

export function codeName(code: number): string {
  return NAMES.get(code) ?? `Location${code}`;
}

/**
 * A command failure that becomes `{ok: 0, errmsg, code, codeName, ...extra}` on the wire,
 * or a `writeErrors[i]` entry inside an ok:1 write reply.
 */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: codeName(this.code), ...this.extra };
  }

  /** Write errors carry no codeName, exactly like the server's generateError. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, ...this.extra, errmsg: this.message };
  }
}

/** `$function` and `$accumulator` are not supported: answered as by a mongod without a JavaScript engine. */
export function noJavaScriptEngine(): CommandError {
  return new CommandError(31264, 'Cannot run server-side javascript without the javascript engine enabled');
}

/** Errors thrown by mingo carry only a message; map the ones with a MongoDB code. */
export function fromEngineError(err: unknown, fallbackCode: number = ErrorCode.BadValue): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/^\$(function|accumulator) requires 'scriptEnabled'/.test(message)) return noJavaScriptEngine();
  if (/Unknown update operator: '([^']*)'/.test(message)) {
    const op = /'([^']*)'/.exec(message)?.[1];
    return new CommandError(ErrorCode.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  if (/would modify the immutable field/.test(message)) return new CommandError(ErrorCode.ImmutableField, message.replace(/\.$/, ''));
  if (/would create a conflict/i.test(message)) return new CommandError(ErrorCode.ConflictingUpdateOperators, message.replace(/^updating/, 'Updating'));
  if (/Dollar \(\$\) prefixed field/.test(message)) return new CommandError(ErrorCode.DollarPrefixedFieldName, message);
  if (/Cannot increment with non-numeric argument|non-numeric/.test(message)) return new CommandError(ErrorCode.TypeMismatch, message);
  if (/Cannot do exclusion (and|in) inclusion/i.test(message)) return new CommandError(31254, message);
  if (/unknown (query )?operator|Unknown query operator|not (registered|found)|unknown operator/i.test(message)) {
    const name = /'?(\$\w+)'?/.exec(message)?.[1] ?? '';
    return new CommandError(ErrorCode.BadValue, `unknown operator: ${name}`);
  }
  return new CommandError(fallbackCode, message);
}
