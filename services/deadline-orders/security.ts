import type { SecurityModel } from '../../gateway/auth/index.ts';

/**
 * Who may do what (rule 15). The spec secures one step: setting a balance is the admin's.
 * Placing and reading orders, balances and the monitor are open, as in the original exercise.
 */
export const deadlineOrdersSecurity: SecurityModel = {
  processes: { DEADLINE_ORDERS: { SET_POINTS: ['ADMIN'] } },
};

export const securedSteps = {
  setPoints: ['DEADLINE_ORDERS', 'SET_POINTS'] as const,
};
