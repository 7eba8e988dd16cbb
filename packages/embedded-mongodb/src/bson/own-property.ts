/**
 * Assigns a field as an own property. BSON documents may hold a field named `__proto__`
 * (MongoDB stores it like any other); a plain assignment would set the object's prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
