/** The bank's own account, there from the start (spec: "Company account"); see the migration that inserts it. */
export const companyAccount = {
  iban: 'NL66OPEN0000000000',
  token: '00000000000000000000',
  balance: 10n ** 17n,
} as const;

/** Where money comes from or goes to outside any bank account (deposits and withdrawals). */
export const cash = 'cash';

/** New accounts start at 0 and may go down to −€500.00 (cents). */
export const newAccountLimit = -50_000n;
