import type { SecurityModel } from '../../../gateway/auth/index.ts';

/** Process BILLING: running billing, retrying a failed group and reading the jobs are the ADMIN's (spec). */
export const billingSecurityModel: SecurityModel = {
  processes: { BILLING: { RUN: ['ADMIN'], RETRY: ['ADMIN'], READ: ['ADMIN'] } },
};

/** Who may read a contract's bills besides its holder (spec: the holder, SALES_REP, ADMIN). */
export const billReaders: readonly string[] = ['ADMIN', 'SALES_REP'];
