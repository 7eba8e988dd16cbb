/** How the `openbank` command ends; documented in the README ("Exit codes"). */
export enum ExitCode {
  Ok = 0,
  /** The command ran and found a problem (verify found differences, status unhealthy, events still parked), or could not do its job (start, stop). */
  Failed = 1,
  /** Unknown command or option, missing or invalid argument. */
  Usage = 2,
  /** OpenBank does not answer at its URL (not running, wrong URL). */
  Unreachable = 3,
  /** No token, or one OpenBank refused (expired, invalid, not an admin). */
  NotAuthorized = 4,
  /** OpenBank refused the request: an unknown projection, stream or parked event, invalid input. */
  Refused = 5,
  /** OpenBank answered that it or one of its stores is unavailable (5xx). */
  Unavailable = 6,
}

/** Ends the command with a message for the operator and an exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(ExitCode.Usage, message);
  }
}
