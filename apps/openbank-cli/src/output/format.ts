const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function count(value: number): string {
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
