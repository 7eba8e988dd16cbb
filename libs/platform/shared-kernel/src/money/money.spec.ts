import { Currency } from './currency.js';
import { AmountOutOfRange, CurrencyMismatch, InvalidAmount, Money } from './money.js';

describe('Money', () => {
  it('parses decimal text into integer minor units of the currency', () => {
    expect(Money.parse('1000.00', 'EUR').minor).toBe(100000);
    expect(Money.parse('1000', 'EUR').minor).toBe(100000);
    expect(Money.parse('0.1', 'EUR').minor).toBe(10);
    expect(Money.parse('1.234', 'BHD').minor).toBe(1234);
    expect(Money.parse('500', 'JPY').minor).toBe(500);
  });

  it('refuses more decimals than the currency has, and anything that is not a plain decimal', () => {
    for (const text of ['1.001', '1e3', ' 1', '1,00', '', '.5', 'NaN', '0x10']) {
      expect(() => Money.parse(text, 'EUR')).toThrow(InvalidAmount);
    }
    expect(() => Money.parse('1.5', 'JPY')).toThrow(InvalidAmount);
  });

  it('formats with exactly the currency digits', () => {
    expect(Money.ofMinor(100000, 'EUR').toDecimalString()).toBe('1000.00');
    expect(Money.ofMinor(-1250, 'EUR').toDecimalString()).toBe('-12.50');
    expect(Money.ofMinor(5, 'EUR').toDecimalString()).toBe('0.05');
    expect(Money.ofMinor(5, 'JPY').toDecimalString()).toBe('5');
    expect(Money.ofMinor(1, 'BHD').toDecimalString()).toBe('0.001');
  });

  it('adds and subtracts exactly, where binary floats would not', () => {
    const tenCents = Money.parse('0.10', 'EUR');
    expect(tenCents.plus(Money.parse('0.20', 'EUR')).toDecimalString()).toBe('0.30');
    expect(Money.parse('1000.00', 'EUR').minus(Money.parse('1600.00', 'EUR')).toDecimalString()).toBe('-600.00');
  });

  it('never mixes currencies', () => {
    expect(() => Money.parse('1', 'EUR').plus(Money.parse('1', 'USD'))).toThrow(CurrencyMismatch);
    expect(Money.parse('1', 'EUR').equals(Money.parse('1', 'USD'))).toBe(false);
  });

  it('refuses amounts it cannot hold exactly', () => {
    expect(() => Money.ofMinor(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(AmountOutOfRange);
    expect(() => Money.ofMinor(Number.MAX_SAFE_INTEGER, 'EUR').plus(Money.ofMinor(1, 'EUR'))).toThrow(AmountOutOfRange);
    expect(() => Money.ofMinor(0.5, 'EUR')).toThrow(AmountOutOfRange);
  });

  it('multiplies by an exact ratio, rounding once and half to even by default', () => {
    expect(Money.ofMinor(250, 'EUR').times('0.5').minor).toBe(125);
    expect(Money.ofMinor(25, 'EUR').times('0.5').minor).toBe(12);
    expect(Money.ofMinor(35, 'EUR').times('0.5').minor).toBe(18);
    // 1000.00 × 5% × 1/365 = 0.1369… → 0.14
    expect(Money.parse('1000.00', 'EUR').times('0.05', 365).toDecimalString()).toBe('0.14');
    // 73.00 × 5% / 365 = exactly 0.01; no intermediate rounding of 0.05 / 365
    expect(Money.parse('73.00', 'EUR').times('0.05', 365).toDecimalString()).toBe('0.01');
  });

  it('round-trips through JSON', () => {
    const money = Money.parse('12.34', 'USD');
    expect(Money.fromJSON(JSON.parse(JSON.stringify(money)))).toEqual(money);
  });

  it('knows ISO 4217 currencies and their minor units, but not pseudo-currencies', () => {
    expect(Currency.of('EUR').minorUnitDigits).toBe(2);
    expect(Currency.of('JPY').minorUnitDigits).toBe(0);
    expect(Currency.of('KWD').minorUnitDigits).toBe(3);
    for (const code of ['XAU', 'XTS', 'XXX', 'XDR', 'eur', 'EURO']) expect(Currency.isSupported(code)).toBe(false);
  });
});
