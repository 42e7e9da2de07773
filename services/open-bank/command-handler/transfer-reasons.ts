/** The exact failure reasons of the spec (command-handler rules), one place for rules and tests. */
export const reasons = {
  fromInvalid: 'from is invalid',
  sameFromTo: "from and to can't be same for transfer",
  invalidToken: 'invalid token',
  insufficientFunds: 'insufficient funds',
  bothUnknown: 'both to and from not known at this bank',
  ibanExists: 'generated iban already exists, try again',
} as const;
