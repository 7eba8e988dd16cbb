/** How the console may sign in here: GET /console/config.json (apps/openbank/src/http/console.ts). */
export interface ConsoleConfig {
  readonly dev_tokens: boolean;
  readonly roles_claim: string;
  readonly person_claim: string;
  readonly oidc: { readonly issuer: string; readonly client_id: string; readonly scope: string } | null;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  // As index.html preloads it (same URL, same mode): the browser answers this from the preload.
  const response = await fetch('/console/config.json', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the console's settings could not be read (HTTP ${response.status})`);
  return (await response.json()) as ConsoleConfig;
}
