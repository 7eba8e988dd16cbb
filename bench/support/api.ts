import { signDevToken } from '@openbank/auth';

/** The secret the benchmarked application signs and checks tokens with. */
export const benchSecret = 'benchmark-secret-of-at-least-thirty-two-chars';

/** Settings of the benchmarked application: no access log, limits that never get in the way. */
export const benchEnvironment: NodeJS.ProcessEnv = {
  AUTH_JWT_SECRET: benchSecret,
  AUTH_DEV_TOKENS: 'true',
  RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '100000000',
  VELOCITY_MAX_OUTGOING_PER_HOUR: '100000000',
  VELOCITY_MAX_OUTGOING_PER_DAY: '9000000000.00',
  MAX_TRANSACTION_AMOUNT: '1000000000.00',
};

export async function tokenFor(role: 'teller' | 'admin'): Promise<string> {
  const { accessToken } = await signDevToken(
    { issuer: 'openbank', audience: 'openbank-api', secret: benchSecret, rolesClaim: 'roles', personClaim: 'person_id' },
    { role, ttlSeconds: 86_400 },
  );
  return accessToken;
}

export const tellerToken = () => tokenFor('teller');

/** A small JSON client for the application under test. */
export function apiClient(base: string, token: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/**
 * Opens `count` funded accounts, `accountsPerPerson` for each person registered. Money leaving an
 * account goes through its holder's limits (one stream per person): transfers between accounts of
 * different persons do not all meet on one holder stream.
 */
export async function fundedAccounts(api: ApiClient, count: number, { balance = '1000000.00', accountsPerPerson = count } = {}): Promise<string[]> {
  const accounts: string[] = [];
  let person = '';
  for (let index = 0; index < count; index++) {
    if (index % accountsPerPerson === 0) {
      person = (await api.post<{ id: string }>('/api/v1/persons', { first_name: 'Bench', last_name: 'Mark', date_of_birth: '1980-01-01', nationality: 'BE', gender: 'OTHER' })).id;
    }
    const account = await api.post<{ id: string }>('/api/v1/accounts', { owner_id: person, overdraft_limit: '1000000.00' });
    await api.post(`/api/v1/accounts/${account.id}/deposit`, { amount: balance, description: 'Opening balance' });
    accounts.push(account.id);
  }
  return accounts;
}
