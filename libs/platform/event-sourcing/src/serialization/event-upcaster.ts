/**
 * Turns the data of an event stored under an older type name into the data of its successor.
 * Stored events are never rewritten: old versions are upcast every time they are read.
 */
export interface EventUpcaster<TFrom = any, TTo = unknown> {
  readonly fromType: string;
  readonly toType: string;
  upcast(data: TFrom): TTo;
}

export function defineUpcaster<TFrom, TTo>(upcaster: EventUpcaster<TFrom, TTo>): EventUpcaster<TFrom, TTo> {
  return upcaster;
}
