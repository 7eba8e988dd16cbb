import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import type { Collection } from '../storage/collection.js';
import { terms, words, type TokenizeOptions } from './tokenize.js';

/** A parsed `$text` operator: OR-ed terms, required phrases and excluded terms. */
export interface TextQuery {
  readonly search: string;
  readonly language?: string;
  readonly caseSensitive: boolean;
  readonly diacriticSensitive: boolean;
}

export function parseTextQuery(value: unknown): TextQuery {
  if (!isPlainObject(value) || typeof value.$search !== 'string') {
    throw new CommandError(ErrorCode.FailedToParse, '$search needs a String');
  }
  return {
    search: value.$search,
    language: typeof value.$language === 'string' ? value.$language : undefined,
    caseSensitive: value.$caseSensitive === true,
    diacriticSensitive: value.$diacriticSensitive === true,
  };
}

interface TextIndex {
  /** Field paths and their weights; `$**` indexes every string field. */
  readonly weights: [string, number][];
  readonly defaultLanguage: string;
  readonly languageOverride: string;
}

function textIndexOf(collection: Collection | undefined): TextIndex {
  for (const index of collection?.indexes.values() ?? []) {
    const spec = index.spec;
    if ((spec.key as Document)?._fts !== 'text') continue;
    const weights = Object.entries((spec.weights as Document) ?? {}).map(([path, w]) => [path, Number(w)] as [string, number]);
    return {
      weights,
      defaultLanguage: typeof spec.default_language === 'string' ? spec.default_language : 'english',
      languageOverride: typeof spec.language_override === 'string' ? spec.language_override : 'language',
    };
  }
  throw new CommandError(ErrorCode.IndexNotFound, 'text index required for $text query');
}

/** Every string under a path (through arrays and, for `$**`, the whole document). */
function stringsAt(doc: unknown, path: string): string[] {
  if (path === '$**') return allStrings(doc);
  let values: unknown[] = [doc];
  for (const part of path.split('.')) {
    values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (isPlainObject(v) && part in v ? [v[part]] : []));
  }
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (isPlainObject(value)) return Object.values(value).flatMap(allStrings);
  return [];
}

/**
 * MongoDB's relevance score of one string: each term counts 1, 1.5, 1.75, … for its repeats,
 * scaled by (0.5 × its share of the string's terms + 0.5) and the field weight, with a 10 %
 * bonus when the whole string is that single term.
 */
function scoreString(text: string, weight: number, options: TokenizeOptions, into: Map<string, number>): void {
  const tokens = terms(text, options);
  const counts = new Map<string, { freq: number; exp: number; count: number }>();
  for (const t of tokens) {
    const c = counts.get(t) ?? { freq: 0, exp: 0, count: 0 };
    c.exp = c.exp === 0 ? 1 : c.exp * 2;
    c.freq += 1 / c.exp;
    c.count++;
    counts.set(t, c);
  }
  for (const [t, c] of counts) {
    const coefficient = (0.5 * c.count) / tokens.length + 0.5;
    const exact = text.trim().toLowerCase() === t ? 1.1 : 1;
    into.set(t, (into.get(t) ?? 0) + weight * c.freq * coefficient * exact);
  }
}

/** A `$text` query bound to a collection's text index: tells whether a document matches and its score. */
export interface TextMatcher {
  /** The score, or undefined when the document does not match. */
  score(doc: Document): number | undefined;
}

export function bindTextQuery(query: TextQuery, collection: Collection | undefined): TextMatcher {
  const index = textIndexOf(collection);
  const language = query.language ?? index.defaultLanguage;
  const options = { language, caseSensitive: query.caseSensitive, diacriticSensitive: query.diacriticSensitive };
  const phrases: string[] = [];
  const withoutPhrases = query.search.replace(/"([^"]*)"?/g, (_, phrase: string) => {
    phrases.push(phrase);
    return ' ';
  });
  const positive = new Set<string>();
  const negative = new Set<string>();
  for (const token of withoutPhrases.split(/\s+/).filter(Boolean)) {
    const negated = token.startsWith('-');
    for (const t of terms(negated ? token.slice(1) : token, options)) (negated ? negative : positive).add(t);
  }
  for (const phrase of phrases) for (const t of terms(phrase, options)) positive.add(t);
  const normalise = (s: string) => words(s, options).join(' ');
  const normalisedPhrases = phrases.map(normalise).filter(Boolean);

  return {
    score(doc) {
      const docLanguage = typeof doc[index.languageOverride] === 'string' ? (doc[index.languageOverride] as string) : language;
      const docOptions = { ...options, language: query.language ?? docLanguage };
      const termScores = new Map<string, number>();
      const texts: string[] = [];
      for (const [path, weight] of index.weights) {
        for (const text of stringsAt(doc, path)) {
          texts.push(text);
          scoreString(text, weight, docOptions, termScores);
        }
      }
      if ([...negative].some((t) => termScores.has(t))) return undefined;
      if (normalisedPhrases.length > 0) {
        const haystacks = texts.map(normalise);
        if (!normalisedPhrases.every((p) => haystacks.some((h) => h.includes(p)))) return undefined;
      }
      let score = 0;
      let hit = false;
      for (const t of positive) {
        const s = termScores.get(t);
        if (s !== undefined) {
          score += s;
          hit = true;
        }
      }
      return hit ? score : undefined;
    },
  };
}
