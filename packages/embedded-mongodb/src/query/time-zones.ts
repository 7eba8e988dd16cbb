import { evalExpr } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';

/** Zone names mingo resolves itself; it refuses every other name MongoDB accepts ("UTC", "GMT", "America/Argentina/Buenos_Aires"). */
const RESOLVED_BY_MINGO = /^[a-zA-Z_]+\/[a-zA-Z_]+$/;

/** The UTC offset ("+05:30") of an Olson time zone at an instant, or undefined for a name the runtime does not know. */
export function offsetAt(zone: string, instant: Date): string | undefined {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
  // "GMT" alone is the zero offset; otherwise "GMT+05:30".
  return name === 'GMT' ? '+00:00' : name?.slice(3);
}

/** Date operators that take `{date, timezone}`: MongoDB evaluates the zone at that date. */
const DATED_OPERATORS = [
  '$dateToString', '$dateToParts', '$dateTrunc', '$dateAdd', '$dateSubtract',
  '$year', '$month', '$dayOfMonth', '$dayOfYear', '$dayOfWeek', '$hour', '$minute', '$second', '$millisecond',
  '$week', '$isoWeek', '$isoWeekYear', '$isoDayOfWeek',
] as const;

type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown;

/** The same operator, with a zone mingo cannot resolve turned into its offset at the operator's date. */
function resolvingZones(operator: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    if (expr === null || typeof expr !== 'object' || Array.isArray(expr) || !('timezone' in expr) || !('date' in expr)) return operator(obj, expr, options);
    const zone = evalExpr(obj, (expr as AnyObject).timezone, options);
    if (typeof zone !== 'string' || RESOLVED_BY_MINGO.test(zone) || /^[+-]/.test(zone)) return operator(obj, expr, options);
    const date = evalExpr(obj, (expr as AnyObject).date, options);
    const offset = date instanceof Date ? offsetAt(zone, date) : undefined;
    return operator(obj, offset ? { ...expr, timezone: offset } : expr, options);
  };
}

const operators = expressionOperators as unknown as Record<string, ExpressionOperator>;

/** The date operators, taking every Olson zone name MongoDB takes. */
export const zoneAwareDateOperators: Record<string, ExpressionOperator> = Object.fromEntries(
  DATED_OPERATORS.filter((name) => typeof operators[name] === 'function').map((name) => [name, resolvingZones(operators[name]!)]),
);
