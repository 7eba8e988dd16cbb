import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, ExitCode } from '../exit-codes.js';

/** An RFC 9457 problem answer, as OpenBank sends them. */
interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
}

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Send the bearer token (every route but /health and the development tokens needs one). */
  readonly authenticated?: boolean;
  readonly idempotencyKey?: string;
  readonly timeoutMs?: number;
  /** Answer 503 once the retries are spent, instead of failing (health reports its stores down with 503). */
  readonly acceptUnavailable?: boolean;
  /** Retry answers that say "try again" (503 with Retry-After): safe for idempotent requests only. */
  readonly retryUnavailable?: boolean;
}

const defaultTimeoutMs = 30_000;
const maxRetries = 8;
const maxBackoffMs = 30_000;

/**
 * OpenBank's HTTP API as the CLI uses it: a bearer token on every call (given, or a development
 * token fetched once), problem answers turned into exit codes, 429 waited out as Retry-After says.
 */
export class OpenBankApi {
  private token?: Promise<string>;

  constructor(
    readonly baseUrl: string,
    private readonly givenToken?: string,
  ) {}

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, { authenticated: true, ...options }).then((answer) => answer.body);
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    return this.request<T>('POST', path, { authenticated: true, ...options });
  }

  put<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    return this.request<T>('PUT', path, { authenticated: true, ...options });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    return this.request<T>('DELETE', path, { authenticated: true, ...options });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.authenticated) headers.authorization = `Bearer ${await this.bearerToken()}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(method, path, headers, options);
      const body = await bodyOf(response);
      const retryAfterMs = retryDelay(response, options, attempt);
      if (retryAfterMs !== undefined) {
        await sleep(retryAfterMs);
        continue;
      }
      if (response.ok || (options.acceptUnavailable && response.status === 503)) return { status: response.status, body: body as T, headers: response.headers };
      throw this.failure(method, path, response.status, body as Problem | undefined);
    }
  }

  /** The given token, or one with the admin role from the development token route (local use). */
  private bearerToken(): Promise<string> {
    if (this.givenToken) return Promise.resolve(this.givenToken);
    this.token ??= this.devToken();
    return this.token;
  }

  private async devToken(): Promise<string> {
    const response = await this.send('POST', '/api/v1/dev/tokens', { 'content-type': 'application/json' }, { body: { role: 'admin', subject: 'openbank-cli' } });
    if (response.status === 404) {
      throw new CliError(
        ExitCode.NotAuthorized,
        `OpenBank at ${this.baseUrl} needs a bearer token with the admin role and issues no development tokens: pass --token <token> or set OPENBANK_TOKEN`,
      );
    }
    const body = (await bodyOf(response)) as { access_token?: string } & Problem;
    if (!response.ok || !body?.access_token) throw this.failure('POST', '/api/v1/dev/tokens', response.status, body);
    return body.access_token;
  }

  private async send(method: string, path: string, headers: Record<string, string>, options: RequestOptions): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    try {
      return await fetch(url, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs),
      });
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
  }

  private failure(method: string, path: string, status: number, problem: Problem | undefined): CliError {
    const what = `${method} ${path} answered ${status}${problem?.title ? ` ${problem.title}` : ''}${problem?.code ? ` (${problem.code})` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`;
    if (status === 401) return new CliError(ExitCode.NotAuthorized, `${what}. The token was refused: give a valid one with --token or OPENBANK_TOKEN`);
    if (status === 403) return new CliError(ExitCode.NotAuthorized, `${what}. The token lacks the admin role`);
    if (status >= 500) return new CliError(ExitCode.Unavailable, what);
    return new RequestRefused(what, status, problem?.code);
  }
}

/** A 4xx answer other than 401/403: bad input, an unknown id, a business rule (422). */
export class RequestRefused extends CliError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(ExitCode.Refused, message);
  }
}

/**
 * How long to wait before sending the request again, if at all: a rate limit (429) is always
 * waited out, as long as it says; a store unavailable (503) a few times, when that is safe.
 */
function retryDelay(response: Response, options: RequestOptions, attempt: number): number | undefined {
  const limited = response.status === 429;
  if (!limited && !(response.status === 503 && options.retryUnavailable && attempt < maxRetries)) return undefined;
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Math.min(250 * 2 ** attempt, maxBackoffMs);
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

function unreachable(baseUrl: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = (error as Error).name === 'TimeoutError' ? 'no answer in time' : (cause?.code ?? cause?.message ?? String(error));
  return new CliError(ExitCode.Unreachable, `cannot reach OpenBank at ${baseUrl} (${reason}): start it with \`openbank start\`, or point --url / OPENBANK_URL at it`);
}
