// Exact decimals for money and configuration values (spec: never binary floats). A value is
// a BigInt of units of 10^-12: every figure the rules multiply (prices with 2 places, rates
// with up to 5) stays exact long before the 12th place, and rounding is explicit.

const places = 12n;
const one = 10n ** places;

export type Rounding = 'half-up' | 'half-down';

const decimalText = /^(-)?(\d+)(?:\.(\d+))?$/;

export class Decimal {
  private constructor(readonly units: bigint) {}

  static readonly zero = new Decimal(0n);

  /** From a decimal string ("1.8", "-0.05") or a number, read through its shortest decimal text. */
  static of(value: string | number | Decimal): Decimal {
    if (value instanceof Decimal) return value;
    const text = typeof value === 'number' ? numberText(value) : value.trim();
    const match = decimalText.exec(text);
    if (!match) throw new RangeError(`not a decimal number: ${text}`);
    const [, sign, whole = '0', fraction = ''] = match;
    if (fraction.length > Number(places)) throw new RangeError(`more than ${places} decimal places: ${text}`);
    const units = BigInt(whole) * one + BigInt(fraction.padEnd(Number(places), '0') || '0');
    return new Decimal(sign ? -units : units);
  }

  static isDecimal(value: string | number): boolean {
    try {
      Decimal.of(value);
      return true;
    } catch {
      return false;
    }
  }

  plus(other: Decimal | string | number): Decimal {
    return new Decimal(this.units + Decimal.of(other).units);
  }

  minus(other: Decimal | string | number): Decimal {
    return new Decimal(this.units - Decimal.of(other).units);
  }

  times(other: Decimal | string | number): Decimal {
    return new Decimal((this.units * Decimal.of(other).units) / one);
  }

  negate(): Decimal {
    return new Decimal(-this.units);
  }

  abs(): Decimal {
    return this.units < 0n ? this.negate() : this;
  }

  compare(other: Decimal | string | number): -1 | 0 | 1 {
    const b = Decimal.of(other).units;
    return this.units < b ? -1 : this.units > b ? 1 : 0;
  }

  equals(other: Decimal | string | number): boolean {
    return this.compare(other) === 0;
  }

  /**
   * Rounds to `decimals` places. half-up: a tie goes away from zero; half-down: a tie goes
   * towards zero (as Java's BigDecimal, which the original pricing used).
   */
  round(decimals: number, mode: Rounding): Decimal {
    const step = 10n ** (places - BigInt(decimals));
    const negative = this.units < 0n;
    const magnitude = negative ? -this.units : this.units;
    let kept = magnitude / step;
    const rest = (magnitude % step) * 2n;
    if (rest > step || (rest === step && mode === 'half-up')) kept += 1n;
    const rounded = kept * step;
    return new Decimal(negative ? -rounded : rounded);
  }

  /** Text with exactly `decimals` places (rounded half-up first), e.g. "46.06". */
  toFixed(decimals: number): string {
    const rounded = this.round(decimals, 'half-up').units;
    const negative = rounded < 0n;
    const magnitude = negative ? -rounded : rounded;
    const whole = magnitude / one;
    const fraction = (magnitude % one).toString().padStart(Number(places), '0').slice(0, decimals);
    return `${negative && magnitude !== 0n ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
  }

  /** The shortest text: "1.8", "10", "-0.05". */
  toString(): string {
    const negative = this.units < 0n;
    const magnitude = negative ? -this.units : this.units;
    const whole = magnitude / one;
    const fraction = (magnitude % one).toString().padStart(Number(places), '0').replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  // 1e-7 and the like: JSON numbers that small are far below a rappen; read them to 12 places.
  return text.includes('e') ? value.toFixed(Number(places)) : text;
}
