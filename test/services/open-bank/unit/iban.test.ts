import { describe, expect, it } from 'vitest';
import { checkDigits, ibanFromDigits, isValidOpenIban, newIban, newToken } from '../../../../services/open-bank/command-handler/iban.ts';

/** ISO 13616 mod-97 over the whole IBAN, written independently of the code under test. */
function iso13616Valid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const numeric = [...rearranged].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  return BigInt(numeric) % 97n === 1n;
}

describe('OPEN IBANs', () => {
  it('give the company account its known check digits 66', () => {
    expect(ibanFromDigits('0000000000')).toBe('NL66OPEN0000000000');
    expect(checkDigits('0000000000')).toBe('66');
  });

  it('are valid by the ISO mod-97 check for any digits', () => {
    for (const digits of ['0123456789', '0999999999', '0000000001', '0555555555']) {
      const iban = ibanFromDigits(digits);
      expect(iban).toMatch(/^NL\d{2}OPEN\d{10}$/);
      expect(iso13616Valid(iban)).toBe(true);
    }
  });

  it('zero-pad check digits below 10', () => {
    // Search a digit string whose check digits are one digit, to prove the padding.
    let found: string | undefined;
    for (let n = 0; n < 2000 && !found; n++) {
      const digits = `0${String(n).padStart(9, '0')}`;
      if (Number(checkDigits(digits)) < 10) found = digits;
    }
    expect(found).toBeDefined();
    const iban = ibanFromDigits(found!);
    expect(iban.slice(2, 4)).toMatch(/^0\d$/);
    expect(isValidOpenIban(iban)).toBe(true);
    expect(iso13616Valid(iban)).toBe(true);
  });

  it('are refused with a wrong check digit, a wrong length or letters in the digits', () => {
    const valid = ibanFromDigits('0123456789');
    const wrongCheck = `NL${String((Number(valid.slice(2, 4)) + 1) % 100).padStart(2, '0')}${valid.slice(4)}`;
    expect(isValidOpenIban(valid)).toBe(true);
    expect(isValidOpenIban(wrongCheck)).toBe(false);
    expect(isValidOpenIban(valid.slice(0, 17))).toBe(false);
    expect(isValidOpenIban(`${valid}0`)).toBe(false);
    expect(isValidOpenIban('NL66OPEN00000000x0')).toBe(false);
    expect(isValidOpenIban('NL66ABNA0000000000')).toBe(false);
    expect(isValidOpenIban('cash')).toBe(false);
  });

  it('are made new as 0 + 9 random digits, with a 20-digit token', () => {
    let i = 0;
    const sequence = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95];
    const iban = newIban(() => sequence[i++ % sequence.length]!);
    expect(iban.slice(8)).toBe('0123456789');
    expect(isValidOpenIban(iban)).toBe(true);
    expect(newToken(Math.random)).toMatch(/^\d{20}$/);
  });
});
