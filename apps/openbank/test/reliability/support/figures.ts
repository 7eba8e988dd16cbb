import type { BankClient } from './bank-client.js';

/** Requests sent and answers by status over every client, as `requests=…` and `status 201=…` figures. */
export function requestFigures(clients: readonly BankClient[]): Record<string, number> {
  const figures: Record<string, number> = { requests: 0, retries: 0 };
  for (const client of clients) {
    figures.requests += client.requests;
    figures.retries += client.retries;
    for (const [status, count] of Object.entries(client.statuses)) figures[`status ${status}`] = (figures[`status ${status}`] ?? 0) + count;
  }
  return figures;
}

/** Answers of the 5xx family, over every client: none is acceptable while every process is up. */
export function serverErrors(clients: readonly BankClient[]): Record<string, number> {
  return Object.fromEntries(Object.entries(requestFigures(clients)).filter(([name]) => /^status 5/.test(name)));
}

/** Each process's resident memory at the start and the end of a run, in MiB: `api-1 MiB=142→168`. */
export function memoryFigures(atStart: Record<string, number>, atEnd: Record<string, number>): Record<string, string> {
  const names = [...new Set([...Object.keys(atStart), ...Object.keys(atEnd)])];
  return Object.fromEntries(names.map((name) => [`${name} MiB`, `${atStart[name] ?? '-'}→${atEnd[name] ?? '-'}`]));
}
