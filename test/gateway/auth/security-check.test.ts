import { describe, expect, it } from 'vitest';
import { checkSecurityModel, mergeSecurityModels, operationsSecurityModel } from '../../../gateway/auth/index.ts';
import { captureLogger } from '../../support/capture-logger.ts';
import { testDirectory } from './users.ts';

describe('the start-up security check (SEC-001)', () => {
  it('finds every secured step no existing role can perform, and logs each with SEC-001', async () => {
    const model = mergeSecurityModels([
      operationsSecurityModel,
      { processes: { SALES: { DRAFT: ['SALES_REP', 'CUSTOMER'], APPROVE: ['SALES_MANAGER'] } } },
      { processes: { BILLING: { RUN: [] } } },
    ]);
    const users = await testDirectory();
    const { logger, lines } = captureLogger();
    const findings = checkSecurityModel({
      model,
      roles: users.roles(),
      secured: [{ process: 'SALES', step: 'DRAFT' }, { process: 'CASES', step: 'CLOSE' }, { process: 'CASES', step: 'CLOSE' }],
      logger,
    });
    expect(findings.map((f) => [f.process, f.step, f.roles])).toEqual([
      ['SALES', 'APPROVE', ['SALES_MANAGER']],
      ['BILLING', 'RUN', []],
      ['CASES', 'CLOSE', []],
    ]);
    expect(findings.every((f) => f.code === 'SEC-001' && f.detail.length > 0)).toBe(true);
    const logged = lines.filter((l) => l.code === 'SEC-001');
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatchObject({ level: 40, process: 'SALES', step: 'APPROVE' });
  });

  it('counts a declared role as existing even if no user holds it yet, and finds nothing in a sound model', async () => {
    const users = await testDirectory();
    const { logger, lines } = captureLogger();
    const model = { processes: { SALES: { DRAFT: ['SALES_REP', 'CUSTOMER'], APPROVE: ['SALES_MANAGER'] } } };
    expect(checkSecurityModel({ model, roles: [...users.roles(), 'SALES_MANAGER'], logger })).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('merges contributions: a step named twice allows the roles of both', () => {
    expect(mergeSecurityModels([
      { processes: { SALES: { DRAFT: ['CUSTOMER'] } } },
      { processes: { SALES: { DRAFT: ['SALES_REP', 'CUSTOMER'], OFFER: ['SALES_REP'] } } },
    ])).toEqual({ processes: { SALES: { DRAFT: ['CUSTOMER', 'SALES_REP'], OFFER: ['SALES_REP'] } } });
  });
});
