import { describe, expect, it } from 'vitest';
import { decideAcceptance } from '../../../../services/milk-factory/contracts/accept-decision.ts';
import { checkOffer } from '../../../../services/milk-factory/contracts/offer-check.ts';
import { nextSyncTimestamp } from '../../../../services/milk-factory/contracts/sync-timestamp.ts';
import { chooseSalesRep } from '../../../../services/milk-factory/organisation/choose-sales-rep.ts';
import { planRelationships } from '../../../../services/milk-factory/partners/plan-relationships.ts';
import { milkFactoryStreamFilters } from '../../../../services/milk-factory/stream-filters.ts';
import { contractRow, contractTimestamp, newTree } from './support.ts';

const ts = contractTimestamp;
const contract = contractRow;

describe('offer check', () => {
  it('passes a valid, in-sync draft with one holder and a sales rep', () => {
    expect(() => checkOffer(contract())).not.toThrow();
  });

  it('refuses missing or stale prices and discounts with "Pricing is not in sync with the contract …"', () => {
    for (const overrides of [{ prices_sync_timestamp: null }, { prices_sync_timestamp: '2023-01-01T09:00:00.000Z' }, { discounts_sync_timestamp: null }]) {
      expect(() => checkOffer(contract(overrides))).toThrow(/^Pricing is not in sync with the contract/);
    }
  });

  it('refuses without exactly one CONTRACT_HOLDER or without a SALES_REP, naming the role, and a contract that is no DRAFT', () => {
    expect(() => checkOffer(contract({ relationships: [{ partnerId: '180000001', role: 'SALES_REP' }] }))).toThrow(/CONTRACT_HOLDER/);
    expect(() => checkOffer(contract({ relationships: [{ partnerId: 'a', role: 'CONTRACT_HOLDER' }, { partnerId: 'b', role: 'CONTRACT_HOLDER' }, { partnerId: 'c', role: 'SALES_REP' }] }))).toThrow(/exactly one CONTRACT_HOLDER/);
    expect(() => checkOffer(contract({ relationships: [{ partnerId: 'a', role: 'CONTRACT_HOLDER' }] }))).toThrow(/SALES_REP/);
    expect(() => checkOffer(contract({ state: 'OFFERED' }))).toThrow('Contract k1 is OFFERED, not DRAFT');
  });
});

describe('acceptance', () => {
  it('above 30.00 awaits approval with an "Approve Contract" task for the contract\'s sales rep', () => {
    expect(decideAcceptance(contract({ state: 'OFFERED' }))).toEqual({
      state: 'AWAITING_APPROVAL',
      task: { referenceId: 'k1', userId: 'john.smith', title: 'Approve Contract', action: 'APPROVE_CONTRACT', params: { contractId: 'k1' } },
    });
  });

  it('at or below 30.00 is approved by auto-approval-user', () => {
    const at = (total: string) => decideAcceptance(contract({ state: 'OFFERED', prices: { [newTreeRootId()]: { total, tax: '0' } } }));
    expect(at('30.00')).toEqual({ state: 'RUNNING', approvedBy: 'auto-approval-user' });
    expect(at('24.33')).toEqual({ state: 'RUNNING', approvedBy: 'auto-approval-user' });
    expect(at('30.01').state).toBe('AWAITING_APPROVAL');
  });

  it('accepts only an OFFERED contract', () => {
    expect(() => decideAcceptance(contract())).toThrow('Contract k1 is DRAFT, not OFFERED');
  });
});

function newTreeRootId(): string {
  return newTree('COOKIES_MILKSHAKE')[0]!.id; // counter ids: the root is always c1
}

describe('sync timestamps, sales reps, relationships, stream filters', () => {
  it('gives every change a later sync timestamp, even within one millisecond', () => {
    const first = nextSyncTimestamp(undefined, Date.parse(ts));
    expect(nextSyncTimestamp(first, Date.parse(ts))).toBe('2023-01-01T10:00:00.001Z');
  });

  it('chooses the sales rep of the unit covering the postcode, else head office', () => {
    expect(chooseSalesRep('3000').username).toBe('jane.smith');
    expect(chooseSalesRep('1007').username).toBe('john.smith'); // Lausanne has no SALES_REP
    expect(chooseSalesRep('00184').username).toBe('john.smith');
  });

  it('plans the holder and the sales rep, and fails with PartnerHasNoPrimaryAddress without a PRIMARY address', () => {
    const address = { street: 's', houseNumber: '1', postcode: '3000', city: 'Bern', country: 'CH' };
    const planned = planRelationships({ id: 'p', addresses: [{ ...address, type: 'PRIMARY' }] }, { partnerId: 'p', foreignId: 'k', role: 'CONTRACT_HOLDER', alsoCreate: ['SALES_REP'] });
    expect(planned.map((r) => [r.role, r.partnerId, r.username])).toEqual([['CONTRACT_HOLDER', 'p', null], ['SALES_REP', '180000002', 'jane.smith']]);
    expect(() => planRelationships({ id: 'p', addresses: [{ ...address, type: 'SECONDARY' }] }, { partnerId: 'p', foreignId: 'k', role: 'CONTRACT_HOLDER' }))
      .toThrow(expect.objectContaining({ name: 'PartnerHasNoPrimaryAddress' }));
  });

  it('filters streams by contract, partner and task user', () => {
    const event = (data: Record<string, unknown>) => ({ id: 'e', kind: 'event' as const, type: 'X', data, metadata: { correlationId: 'c', occurredAt: ts, source: 't', attempt: 1 } });
    expect(milkFactoryStreamFilters.contractId!(event({ contract: { id: 'k1' } }), 'k1')).toBe(true);
    expect(milkFactoryStreamFilters.contractId!(event({ foreignId: 'k1' }), 'k1')).toBe(true);
    expect(milkFactoryStreamFilters.contractId!(event({ contractId: 'k2' }), 'k1')).toBe(false);
    expect(milkFactoryStreamFilters.partnerId!(event({ partnerId: 'p' }), 'p')).toBe(true);
    expect(milkFactoryStreamFilters.userId!(event({ tasks: [{ userId: 'john.smith' }] }), 'john.smith')).toBe(true);
  });
});
