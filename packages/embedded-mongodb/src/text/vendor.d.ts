// The two text-processing packages ship no type declarations; these are the parts used here.
declare module 'wink-porter2-stemmer' {
  /** Porter2 (Snowball English) stem of one lower-case word. */
  export default function stem(word: string): string;
}

declare module 'stopword' {
  /** English stop words. */
  export const eng: string[];
}
