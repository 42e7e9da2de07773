import type { SecurityModel, UserSeed } from '../../../gateway/auth/index.ts';

/** Roles: a client (a `jwt` from POST /login) and the bank's employee; ADMIN paces the heartbeat. */
export const roles = { client: 'BANK_CLIENT', employee: 'BANK_EMPLOYEE', admin: 'ADMIN' } as const;

export const securityModel: SecurityModel = {
  processes: {
    OPEN_BANK: {
      // Own accounts only for a client (checked next to the route); every account for staff.
      READ_ACCOUNT: [roles.client, roles.employee],
      READ_LATEST_TRANSACTIONS: [roles.employee],
      PACE_HEARTBEAT: [roles.admin],
    },
  },
};

/** The users the spec lists (password `asdf`); clients sign up through POST /api/open-bank/login. */
export const users: readonly UserSeed[] = [{ username: 'bank.employee', password: 'asdf', roles: [roles.employee] }];
