import { setTimeout as sleep } from 'node:timers/promises';

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: any;
}

/** What the clients saw that the bank must never do, whatever happens to its processes. */
export interface Misbehaviour {
  readonly request: string;
  readonly what: string;
}

/** Answers a retry with the same Idempotency-Key can improve: the store is away, or the first attempt still runs. */
const worthRetrying = (answer: Answer) =>
  answer.status === 503 || answer.status === 429 || (answer.status === 409 && ['CONCURRENCY_CONFLICT', 'IDEMPOTENCY_KEY_IN_PROGRESS'].includes(answer.body?.code));

/**
 * A client of the HTTP API as a careful integrator writes one: every command carries an
 * Idempotency-Key, and a request whose outcome is unknown (no answer, 503, 409 in progress) is
 * sent again with the same key until it gets a final answer. It records what a bank must never
 * do: a 500, an error that is not problem+json, a request left without an answer.
 */
export class BankClient {
  readonly misbehaviours: Misbehaviour[] = [];
  requests = 0;
  retries = 0;
  /** Every answer by status (`none` when no answer came), for the figures a run prints. */
  readonly statuses: Record<string, number> = {};

  /** Where requests go: one API, or several in turn (a request sent again goes to the next one). */
  private readonly baseUrls: readonly string[];

  constructor(
    baseUrl: string | readonly string[],
    private readonly token: string,
    private readonly options: { answerWithinMs: number; giveUpAfterMs: number },
  ) {
    this.baseUrls = typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  }

  /** One attempt. Throws when no answer came (connection refused or reset, or no answer in time). */
  async send(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Answer> {
    const baseUrl = this.baseUrls[this.requests++ % this.baseUrls.length];
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const request = `${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(this.options.answerWithinMs) });
    } catch (error) {
      this.count('none');
      if ((error as Error).name === 'TimeoutError') this.misbehaviours.push({ request, what: `no answer within ${this.options.answerWithinMs} ms` });
      throw error;
    }
    this.count(String(response.status));
    const text = await response.text();
    const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
    if (answer.status >= 500 && answer.status !== 503) this.misbehaviours.push({ request, what: `${answer.status} ${text.slice(0, 300)}` });
    if (answer.status >= 400 && !answer.contentType.startsWith('application/problem+json')) this.misbehaviours.push({ request, what: `${answer.status} answered as ${answer.contentType}` });
    return answer;
  }

  /** Sends until the answer is final (2xx or a 4xx that a retry cannot change), always with the same key. */
  async settle(method: string, path: string, body: unknown, idempotencyKey: string): Promise<Answer> {
    const deadline = Date.now() + this.options.giveUpAfterMs;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.retries++;
      const answer = await this.send(method, path, body, idempotencyKey).catch(() => undefined);
      if (answer && !worthRetrying(answer)) return answer;
      if (Date.now() > deadline) throw new Error(`${method} ${path} (key ${idempotencyKey}) got no final answer in ${this.options.giveUpAfterMs} ms`);
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  }

  async get(path: string): Promise<Answer> {
    return this.send('GET', path);
  }

  /**
   * Sends until the bank is there to answer: a 503 (a store it is reconnecting to) or no answer is
   * tried again, for `withinMs` at most; any other answer is returned. For reads and admin requests
   * that change nothing when sent twice.
   */
  async whenAvailable(method: string, path: string, withinMs = 60_000): Promise<Answer> {
    const deadline = Date.now() + withinMs;
    for (let attempt = 0; ; attempt++) {
      const late = Date.now() > deadline;
      const answer = await this.send(method, path).catch((error: unknown) => {
        if (late) throw error;
      });
      if (answer && (answer.status !== 503 || late)) return answer;
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  }

  private count(status: string): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }
}
