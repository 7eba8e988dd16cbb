/** Amounts in minor units (cents), written and read as the API's decimal strings; never floats. */
export function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const absolute = Math.abs(minor);
  return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

export function minorOf(text: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not a two-decimal amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0')));
}
