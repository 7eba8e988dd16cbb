const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function count(value: number | bigint): string {
  return integer.format(value);
}

export function rate(perSecond: number): string {
  return `${oneDecimal.format(perSecond)} events/s`;
}

/** A duration: milliseconds below a second, seconds above. */
export function seconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${integer.format(milliseconds)} ms` : `${oneDecimal.format(milliseconds / 1000)} s`;
}

/** An error message, single line first: long ones are cut for tables. */
export function shorten(text: string, length = 60): string {
  const line = text.split('\n')[0];
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/** How long, roughly: 42 s, 5 min, 3 h, 2 days. */
export function age(milliseconds: number): string {
  const secondsSince = Math.max(0, Math.floor(milliseconds / 1000));
  if (secondsSince < 120) return `${secondsSince} s`;
  if (secondsSince < 120 * 60) return `${Math.floor(secondsSince / 60)} min`;
  if (secondsSince < 48 * 3600) return `${Math.floor(secondsSince / 3600)} h`;
  return `${Math.floor(secondsSince / 86_400)} days`;
}

/** An instant to the second, in UTC, and how long ago it was: `2025-12-05 13:32:05 UTC (4 min)`. */
export function since(instant: string, now = Date.now()): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC (${age(now - at.getTime())})`;
}
