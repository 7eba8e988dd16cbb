import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import type { Collator } from '../bson/bson-compare.js';
import { CommandError, ErrorCode } from '../errors.js';

/**
 * MongoDB collations (ICU, like Intl.Collator) as comparators: strength 1 ignores case and
 * accents, 2 case only, 3 (default) neither; `caseLevel`, `caseFirst`, `numericOrdering` and
 * `alternate: 'shifted'` map to the Intl options of the same meaning. `locale: 'simple'` is
 * binary comparison.
 */
const cache = new Map<string, Collator>();

const FIELDS = new Set(['locale', 'caseLevel', 'caseFirst', 'strength', 'numericOrdering', 'alternate', 'maxVariable', 'normalization', 'backwards', 'version']);

export function collatorFor(spec: unknown): Collator {
  if (spec === undefined || spec === null) return null;
  if (!isPlainObject(spec)) throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'collation' is the wrong type, expected type 'object'");
  const key = JSON.stringify(spec);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const collator = buildCollator(spec);
  cache.set(key, collator);
  return collator;
}

function buildCollator(spec: Document): Collator {
  for (const field of Object.keys(spec)) {
    if (!FIELDS.has(field)) throw new CommandError(40415, `BSON field 'collation.${field}' is an unknown field.`);
  }
  if (typeof spec.locale !== 'string') throw new CommandError(40414, "BSON field 'collation.locale' is missing but a required field");
  if (spec.locale === 'simple') return null;
  const strength = spec.strength === undefined ? 3 : Number(spec.strength);
  if (![1, 2, 3, 4, 5].includes(strength)) throw new CommandError(ErrorCode.FailedToParse, `Field 'strength' must be an integer 1 through 5. Got: ${String(spec.strength)}`);
  let sensitivity: Intl.CollatorOptions['sensitivity'] = strength === 1 ? 'base' : strength === 2 ? 'accent' : 'variant';
  if (spec.caseLevel === true) sensitivity = sensitivity === 'base' ? 'case' : 'variant';
  const options: Intl.CollatorOptions = {
    sensitivity,
    numeric: spec.numericOrdering === true,
    ignorePunctuation: spec.alternate === 'shifted',
    caseFirst: spec.caseFirst === 'upper' ? 'upper' : spec.caseFirst === 'lower' ? 'lower' : 'false',
    usage: 'sort',
  };
  const locale = spec.locale.replace(/_/g, '-');
  let supported: string[];
  try {
    supported = Intl.Collator.supportedLocalesOf(locale);
  } catch {
    supported = [];
  }
  if (supported.length === 0 && locale !== 'root') {
    throw new CommandError(ErrorCode.BadValue, `Field 'locale' is invalid in: { locale: "${spec.locale}" }`);
  }
  return new Intl.Collator(locale === 'root' ? 'und' : locale, options);
}

/** Whether two collation specs (or their absence) order strings the same way. */
export function sameCollation(a: unknown, b: unknown): boolean {
  const simple = (s: unknown) => s === undefined || s === null || (isPlainObject(s) && s.locale === 'simple');
  if (simple(a) || simple(b)) return simple(a) && simple(b);
  return JSON.stringify(normalized(a as Document)) === JSON.stringify(normalized(b as Document));
}

function normalized(spec: Document): Document {
  return {
    locale: String(spec.locale).replace(/_/g, '-'),
    strength: spec.strength ?? 3,
    caseLevel: spec.caseLevel ?? false,
    caseFirst: spec.caseFirst ?? 'off',
    numericOrdering: spec.numericOrdering ?? false,
    alternate: spec.alternate ?? 'non-ignorable',
  };
}
