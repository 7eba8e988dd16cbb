import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/** The API's types, generated from its OpenAPI document (`npm run console:api`). */
export type Schemas = components['schemas'];
export type Account = Schemas['BankAccountResponse'];
export type Person = Schemas['PersonResponse'];
export type Transaction = Schemas['AccountTransactionResponse'];
export type HistoryEntry = Schemas['HistoryEntryResponse'];
export type Transfer = Schemas['TransferResponse'];
export type SubscriptionStatus = Schemas['SubscriptionStatusResponse'];
export type ParkedEvent = Schemas['ParkedEventResponse'];
export type ProblemDetails = Schemas['ProblemDetails'];

/** An RFC 9457 problem answer. */
export class ApiProblem extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly response: Response,
  ) {
    super(problem.detail ?? problem.title);
  }
}

/** No answer at all: the request may or may not have reached the bank. */
export class NoAnswer extends Error {}

let bearer: () => string | undefined = () => undefined;
let unauthorized: () => void = () => undefined;

/** Where the client finds the token for each request, and what it does when the API no longer accepts it. */
export function authorizeWith(token: () => string | undefined, onUnauthorized: () => void): void {
  bearer = token;
  unauthorized = onUnauthorized;
}

/** The typed client of the public API. The token goes in the Authorization header, never in a URL. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  // Resolved at request time, so a test or a proxy that replaces fetch is honoured.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use({
  onRequest({ request }) {
    const token = bearer();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) unauthorized();
    return response;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function asProblem(error: unknown, response: Response): ProblemDetails {
  if (error && typeof error === 'object' && 'status' in error) return error as ProblemDetails;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `HTTP_${response.status}`,
    instance: new URL(response.url || window.location.href).pathname,
  } as ProblemDetails;
}

/** The answer's data; a problem answer is thrown as an ApiProblem, a lost request as NoAnswer. */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  return (await answer(request)).data;
}

/** The data and the answer itself (for its headers). */
export async function answer<T>(request: Promise<Answer<T>>): Promise<{ data: T; response: Response }> {
  let result: Answer<T>;
  try {
    result = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NoAnswer(error instanceof Error ? error.message : String(error));
  }
  if (!result.response.ok) throw new ApiProblem(asProblem(result.error, result.response), result.response);
  return { data: result.data as T, response: result.response };
}
