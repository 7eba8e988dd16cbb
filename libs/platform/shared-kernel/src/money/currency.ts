import currencyCodes from 'currency-codes';
import { domainError } from '../domain-error.js';

export class UnsupportedCurrency extends domainError('UNSUPPORTED_CURRENCY', 'invalid') {}

/** ISO 4217 units of account that no one holds in an account (their minor units are "N.A."). */
const unitsOfAccount = new Set(['XDR', 'XSU', 'XUA']);

/** currency-codes files metals, bond units, XTS and XXX under pseudo-countries named `Zz…`. */
const isPseudoCurrency = (entry: { code: string; countries: string[] }): boolean =>
  unitsOfAccount.has(entry.code) || entry.countries.every((country) => country.startsWith('Zz'));

/**
 * An ISO 4217 currency with its number of minor-unit digits (EUR 2, JPY 0, BHD 3). Codes with no
 * minor units in ISO 4217 (precious metals, units of account, testing codes such as XTS) are not
 * money here.
 */
export class Currency {
  private static readonly known = new Map<string, Currency>();

  private constructor(
    readonly code: string,
    readonly minorUnitDigits: number,
  ) {}

  static of(code: string): Currency {
    const cached = Currency.known.get(code);
    if (cached) return cached;
    const entry = /^[A-Z]{3}$/.test(code) ? currencyCodes.code(code) : undefined;
    if (!entry || !Number.isInteger(entry.digits) || isPseudoCurrency(entry)) {
      throw new UnsupportedCurrency(`${code} is not an ISO 4217 currency with minor units`, { currency: code });
    }
    const currency = new Currency(entry.code, entry.digits);
    Currency.known.set(code, currency);
    return currency;
  }

  static isSupported(code: string): boolean {
    try {
      Currency.of(code);
      return true;
    } catch {
      return false;
    }
  }

  toString(): string {
    return this.code;
  }
}
