import type { SecurityModel, UserSeed } from '../../../gateway/auth/index.ts';
import { customers, staff } from './organisation-data.ts';

/**
 * Process SALES: SALES_REP may do every step, CUSTOMER draft, offer and accept, and
 * terminate or replace their own contracts (spec: the holder or a SALES_REP may act).
 */
export const salesSecurityModel: SecurityModel = {
  processes: {
    SALES: {
      DRAFT: ['SALES_REP', 'CUSTOMER'],
      OFFER: ['SALES_REP', 'CUSTOMER'],
      ACCEPT: ['SALES_REP', 'CUSTOMER'],
      APPROVE: ['SALES_REP'],
      TERMINATE: ['SALES_REP', 'CUSTOMER'],
      REPLACE: ['SALES_REP', 'CUSTOMER'],
    },
  },
};

/** Staff and customers log in with password `asdf` (common spec). */
export const milkFactoryUsers: readonly UserSeed[] = [
  ...staff.map((s) => ({ username: s.username, password: 'asdf', roles: s.roles, partnerId: s.partnerId })),
  ...customers.map((c) => ({ username: c.username, password: 'asdf', roles: ['CUSTOMER'], partnerId: c.partnerId })),
];
