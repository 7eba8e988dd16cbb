/** Amounts are exact decimal strings in the API; they are shown as they are, grouped, with their currency. */
export function money(amount: string | undefined, currency?: string): string {
  if (amount === undefined) return '—';
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = amount.replace(/^[-+]/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}${currency ? ` ${currency}` : ''}`;
}

const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const when = (iso: string | undefined): string => (iso ? instant.format(new Date(iso)) : '—');

/** A value for <input type="datetime-local" step="1"> (local time, to the second). */
export function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

export const isUuid = (text: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim());

/** A count with its noun: 1 transfer, 2 transfers. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const shortId = (id: string | undefined): string => (id ? id.slice(0, 8) : '—');

/** A readable event type: BankAccountTransactionRecordedDomainEventV1 → Bank account transaction recorded (v1). */
export function eventTypeName(type: string): string {
  const match = /^(.*?)(?:DomainEvent)?V(\d+)$/.exec(type);
  const words = (match?.[1] ?? type).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${match ? ` (v${match[2]})` : ''}`;
}

/** How an account is named on screen: its type and the start of its id. */
export const accountName = (account: { account_type?: string; currency: string; id: string }): string =>
  `${account.account_type === 'SAVINGS' ? 'Savings' : 'Checking'} account ${account.id.slice(0, 8)} (${account.currency})`;

/** A person's name; a person forgotten (GDPR Art. 17) has none left to show. */
export const personName = (person: { first_name: string | null; last_name: string | null }): string =>
  person.first_name === null && person.last_name === null ? '(forgotten)' : `${person.first_name ?? ''} ${person.last_name ?? ''}`.trim();
