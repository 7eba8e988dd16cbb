/** Types of names.js, for the TypeScript specs that exercise it. */
export declare class InvalidName extends Error {}

export interface Names {
  readonly kebab: string;
  readonly pascal: string;
  readonly camel: string;
  readonly constant: string;
  readonly snake: string;
  readonly words: string;
  readonly category: string;
}

export declare function validName(raw: unknown, what?: string): string;
export declare function namesOf(kebab: string): Names;
export declare function singular(kebab: string): string;
export declare function routeSegment(name: string, aggregate: string, what: string): string;
export declare function aggregateOfUseCase(useCase: {
  aggregates: readonly string[];
  given?: string;
  useCase: string;
  context: string;
  kind: 'command' | 'read-model';
}): string;
export declare function withArticle(words: string): string;
export declare function capitalize(word: string): string;
export declare function stringLiteral(text: string): string;
