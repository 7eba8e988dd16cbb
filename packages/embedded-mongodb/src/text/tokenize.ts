import stem from 'wink-porter2-stemmer';
import { eng } from 'stopword';

/**
 * How a text index turns a string into terms: words are runs of letters and digits, folded to
 * lower case (unless case sensitive) and stripped of diacritics (unless diacritic sensitive, as
 * text index version 3 does), English stop words dropped and the rest stemmed with Porter2,
 * which is Snowball's English stemmer, MongoDB's. Languages other than English (and `none`,
 * which neither stems nor drops stop words) are treated as `none`.
 */
const STOP_WORDS = new Set(eng);
const WORD = /[\p{L}\p{N}]+/gu;

export interface TokenizeOptions {
  readonly language: string;
  readonly caseSensitive?: boolean;
  readonly diacriticSensitive?: boolean;
}

export function isEnglish(language: string): boolean {
  return language === 'english' || language === 'en';
}

export function words(text: string, options: TokenizeOptions): string[] {
  let source = options.diacriticSensitive ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  if (!options.caseSensitive) source = source.toLowerCase();
  return source.match(WORD) ?? [];
}

/** The term a word is indexed under, or undefined for a stop word. */
export function term(word: string, options: TokenizeOptions): string | undefined {
  if (!isEnglish(options.language)) return word;
  const lower = word.toLowerCase();
  if (STOP_WORDS.has(lower)) return undefined;
  // Stemming works on lower case; a case-sensitive search keeps the word's own case.
  return options.caseSensitive && lower !== word ? word : stem(lower);
}

export function terms(text: string, options: TokenizeOptions): string[] {
  const out: string[] = [];
  for (const word of words(text, options)) {
    const t = term(word, options);
    if (t !== undefined) out.push(t);
  }
  return out;
}
