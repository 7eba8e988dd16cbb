import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** 2xx answers per second: what a client got done (requestsPerSecond counts every answer). */
  readonly okPerSecond: number;
  readonly ok: number;
  /** Answers outside 2xx, and connection errors: a load result is only meaningful when they are few. */
  readonly failures: number;
  /** What the failures were: `409×38`, `timeouts×2`… (empty when there were none). */
  readonly failureKinds: string;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Built for each request (a random account, a fresh body). */
  readonly request: () => Request;
  /** Requests per second across all connections; unset: as fast as the server answers. */
  readonly rate?: number;
}

/** Drives HTTP load with autocannon from this process (the server runs in another). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [{ setupRequest: (request: Request) => withOwnHeaders({ ...request, ...options.request() }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    okPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    failureKinds: failureKinds(result),
  };
}

function failureKinds(result: autocannon.Result): string {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${status}×${count ?? 0}`);
  const others = [...(result.errors - result.timeouts > 0 ? [`errors×${result.errors - result.timeouts}`] : []), ...(result.timeouts > 0 ? [`timeouts×${result.timeouts}`] : [])];
  return [...statuses, ...others].join(' ');
}

/**
 * autocannon writes the Content-Length of a body into the headers object it is handed. A headers
 * object shared between runs would carry a POST body's length into a later GET, whose next request
 * on the connection the server then reads as that body.
 */
function withOwnHeaders(request: Request): Request {
  return { ...request, headers: { ...request.headers } };
}
