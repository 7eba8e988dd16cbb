import { Decimal } from 'decimal.js';
import { domainError } from '../domain-error.js';
import { Currency } from './currency.js';

export class InvalidAmount extends domainError('INVALID_AMOUNT', 'invalid') {}
export class CurrencyMismatch extends domainError('CURRENCY_MISMATCH', 'rule-violated') {}
export class AmountOutOfRange extends domainError('AMOUNT_OUT_OF_RANGE', 'rule-violated') {}

/** How Money travels in events and snapshots: integer minor units and the currency code. */
export interface MoneyJson {
  readonly minor: number;
  readonly currency: string;
}

const plainDecimal = /^-?\d+(\.\d+)?$/;

/** Enough significant digits that a product of two amounts is exact before it is rounded. */
const ExactDecimal = Decimal.clone({ precision: 60 });

/**
 * An exact amount of one currency, held as an integer number of minor units (cents). Arithmetic
 * stays exact: every result is checked to be a safe integer, so an amount can never silently lose
 * precision. Decimal text is parsed and formatted with decimal.js, never through binary floats.
 */
export class Money {
  private constructor(
    readonly minor: number,
    readonly currency: Currency,
  ) {}

  static zero(currency: Currency | string): Money {
    return new Money(0, typeof currency === 'string' ? Currency.of(currency) : currency);
  }

  static ofMinor(minor: number, currency: Currency | string): Money {
    const resolved = typeof currency === 'string' ? Currency.of(currency) : currency;
    if (!Number.isSafeInteger(minor)) {
      throw new AmountOutOfRange(`${minor} minor units cannot be represented exactly`, { currency: resolved.code });
    }
    return new Money(minor === 0 ? 0 : minor, resolved);
  }

  /** Parses a plain decimal such as `"1000.00"`; more fraction digits than the currency has is an error. */
  static parse(text: string, currency: Currency | string): Money {
    const resolved = typeof currency === 'string' ? Currency.of(currency) : currency;
    if (!plainDecimal.test(text)) {
      throw new InvalidAmount(`"${text}" is not a decimal amount`, { amount: text });
    }
    const value = new Decimal(text);
    if (value.decimalPlaces() > resolved.minorUnitDigits) {
      throw new InvalidAmount(`${resolved.code} amounts have at most ${resolved.minorUnitDigits} decimal places`, {
        amount: text,
        currency: resolved.code,
      });
    }
    return Money.ofMinor(value.times(Decimal.pow(10, resolved.minorUnitDigits)).toNumber(), resolved);
  }

  static fromJSON(json: MoneyJson): Money {
    return Money.ofMinor(json.minor, json.currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.ofMinor(this.minor + other.minor, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.ofMinor(this.minor - other.minor, this.currency);
  }

  negate(): Money {
    return Money.ofMinor(-this.minor, this.currency);
  }

  /**
   * Multiplies by `numerator / denominator` (exact decimals), rounding once, at the end, to minor
   * units: half to even unless another decimal.js rounding mode is given.
   */
  times(numerator: Decimal.Value, denominator: Decimal.Value = 1, rounding: Decimal.Rounding = Decimal.ROUND_HALF_EVEN): Money {
    const product = new ExactDecimal(this.minor).times(numerator).dividedBy(denominator).toDecimalPlaces(0, rounding);
    return Money.ofMinor(product.toNumber(), this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.minor < other.minor ? -1 : this.minor > other.minor ? 1 : 0;
  }

  isGreaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  isLessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minor === other.minor;
  }

  isZero(): boolean {
    return this.minor === 0;
  }

  isPositive(): boolean {
    return this.minor > 0;
  }

  isNegative(): boolean {
    return this.minor < 0;
  }

  /** The amount as a plain decimal with exactly the currency's minor-unit digits, e.g. `"-12.50"`. */
  toDecimalString(): string {
    return new Decimal(this.minor).dividedBy(Decimal.pow(10, this.currency.minorUnitDigits)).toFixed(this.currency.minorUnitDigits);
  }

  toJSON(): MoneyJson {
    return { minor: this.minor, currency: this.currency.code };
  }

  toString(): string {
    return `${this.toDecimalString()} ${this.currency.code}`;
  }

  private assertSameCurrency(other: Money): void {
    if (this.currency !== other.currency) {
      throw new CurrencyMismatch(`cannot combine ${this.currency.code} with ${other.currency.code}`, {
        currencies: [this.currency.code, other.currency.code],
      });
    }
  }
}
