/**
 * Stream naming. KurrentDB takes a stream's category to be the text before its first dash, so a
 * category must itself be free of dashes (`bank-account-1` would land in category `bank`).
 */
const validCategory = /^[a-z][a-z0-9]*$/;

export function assertValidCategory(category: string): void {
  if (!validCategory.test(category)) {
    throw new Error(`stream category "${category}" must be lowercase letters and digits, without dashes`);
  }
}

export function aggregateStreamName(category: string, id: string): string {
  return `${category}-${id}`;
}

/** Snapshots live in their own stream per aggregate, in category `snapshot`; never a `$` system stream. */
export function snapshotStreamName(category: string, id: string): string {
  return `snapshot-${category}-${id}`;
}
