/**
 * An answer decided before the route's handler runs (the stored answer to a retried request),
 * thrown to skip the handler: the problem filter sends it exactly as it is.
 */
export class PreparedAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(`a prepared ${status} answer`);
    this.name = 'PreparedAnswer';
  }
}
