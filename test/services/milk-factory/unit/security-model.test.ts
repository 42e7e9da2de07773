import { describe, expect, it } from 'vitest';
import { checkSecurityModel } from '../../../../gateway/auth/index.ts';
import { milkFactoryUsers, salesSecurityModel } from '../../../../services/milk-factory/organisation/security-model.ts';
import { captureLogger } from '../../../support/capture-logger.ts';

describe('the SALES security model', () => {
  it('lets SALES_REP do every step and CUSTOMER draft, offer, accept, terminate and replace (the holder may act on their contract)', () => {
    expect(salesSecurityModel.processes.SALES).toEqual({
      DRAFT: ['SALES_REP', 'CUSTOMER'], OFFER: ['SALES_REP', 'CUSTOMER'], ACCEPT: ['SALES_REP', 'CUSTOMER'], APPROVE: ['SALES_REP'],
      TERMINATE: ['SALES_REP', 'CUSTOMER'], REPLACE: ['SALES_REP', 'CUSTOMER'],
    });
  });

  it('leaves no secured step unreachable with the spec\'s users (no SEC-001), and SEC-001 flags a step no user\'s role reaches', () => {
    const roles = milkFactoryUsers.flatMap((u) => u.roles);
    const quiet = captureLogger();
    expect(checkSecurityModel({ model: salesSecurityModel, roles, logger: quiet.logger })).toEqual([]);
    const loud = captureLogger();
    const model = { processes: { SALES: { ...salesSecurityModel.processes.SALES, CANCEL: ['CONTRACT_MANAGER'] } } };
    expect(checkSecurityModel({ model, roles, logger: loud.logger }).map((f) => f.step)).toEqual(['CANCEL']);
    expect(loud.lines.some((l) => l.code === 'SEC-001')).toBe(true);
  });

  it('seeds the staff and customers of the spec with password asdf', () => {
    expect(milkFactoryUsers.map((u) => [u.username, u.partnerId, u.roles.join('+')])).toEqual([
      ['john.smith', '180000001', 'SALES_REP'], ['jane.smith', '180000002', 'SALES_REP+ORDER_COMPLETION_CONSULTANT'],
      ['janet.smith', '180000003', 'ORDER_COMPLETION_CONSULTANT+SUPPLY_CHAIN_SPECIALIST'],
      ['180000032', '180000032', 'CUSTOMER'], ['180000033', '180000033', 'CUSTOMER'], ['180000034', '180000034', 'CUSTOMER'],
    ]);
    expect(milkFactoryUsers.every((u) => u.password === 'asdf')).toBe(true);
  });
});
