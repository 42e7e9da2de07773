/**
 * OPEN IBANs (spec: "IBAN"): `NL` + 2 check digits + `OPEN` + 10 digits, the 10 digits being
 * `0` + 9 random digits. The check digits are ISO 13616's mod-97 over the rearranged IBAN:
 * "OPEN" as letters-to-numbers is 24251423 and "NL00" is 232100, so
 * check = 98 − (int("24251423" + digits + "232100") mod 97), zero padded.
 */

const openLetters = '24251423';
const countryAndZeroCheck = '232100';

/** The check digits of an OPEN IBAN with these 10 digits. */
export function checkDigits(digits: string): string {
  const remainder = BigInt(`${openLetters}${digits}${countryAndZeroCheck}`) % 97n;
  return String(98n - remainder).padStart(2, '0');
}

/** The OPEN IBAN of 10 account digits. */
export function ibanFromDigits(digits: string): string {
  if (!/^\d{10}$/.test(digits)) throw new RangeError(`an OPEN IBAN has 10 digits, got "${digits}"`);
  return `NL${checkDigits(digits)}OPEN${digits}`;
}

/** A valid OPEN IBAN is 18 characters and equals the IBAN recomputed from its last 10 digits. */
export function isValidOpenIban(value: string): boolean {
  if (value.length !== 18) return false;
  const digits = value.slice(8);
  return /^\d{10}$/.test(digits) && ibanFromDigits(digits) === value;
}

/** `random()` in [0, 1): a digit string of `length`. */
export function randomDigits(length: number, random: () => number): string {
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(Math.floor(random() * 10));
  return digits;
}

/** A new account's IBAN: `0` + 9 random digits. */
export function newIban(random: () => number): string {
  return ibanFromDigits(`0${randomDigits(9, random)}`);
}

/** A new account's token: 20 random digits. */
export function newToken(random: () => number): string {
  return randomDigits(20, random);
}
