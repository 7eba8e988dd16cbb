import { Money, type MoneyJson } from '@openbank/shared-kernel';

/** Money as the public API writes it: a decimal string with the currency's digits, and the currency. */
export interface PublicMoney {
  readonly amount: string;
  readonly currency: string;
}

/**
 * The data of a CloudEvent: the event's data in the public representation of the HTTP API —
 * snake_case field names, money as `{ "amount": "1000.00", "currency": "EUR" }` instead of the
 * stored integer minor units — so consumers never need to know a currency's minor-unit digits.
 */
export function publicData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicData);
  if (isMoneyJson(value)) return publicMoney(value);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [snakeCase(key), publicData(field)]));
}

function publicMoney(money: MoneyJson): PublicMoney {
  return { amount: Money.fromJSON(money).toDecimalString(), currency: money.currency };
}

function isMoneyJson(value: unknown): value is MoneyJson {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value).sort();
  const { minor, currency } = value as Partial<MoneyJson>;
  return keys.length === 2 && keys[0] === 'currency' && keys[1] === 'minor' && Number.isSafeInteger(minor) && typeof currency === 'string';
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
