import { describe, expect, it } from 'vitest';
import type { MachineOutput } from '../../../../actors/mod.ts';
import { runStep, type StepResult } from '../../../../actors/orchestrator/run-step.ts';
import { checkSecurityModel } from '../../../../gateway/auth/index.ts';
import { periodsToBill } from '../../../../services/milk-factory/billing/billing-periods.ts';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { milkFactoryUsers, requisitionSecurityModel } from '../../../../services/milk-factory/organisation/security-model.ts';
import { contractDefinition } from '../../../../services/milk-factory/products/contract-definition.ts';
import { assertSameRequest, checkRequest } from '../../../../services/milk-factory/requisitions/request-rules.ts';
import { businessState } from '../../../../services/milk-factory/requisitions/requisition-context.ts';
import { requisitionMachine } from '../../../../services/milk-factory/requisitions/requisition-machine.ts';
import { boxQuantity, decideRelease, decideReservation, type QuotaState } from '../../../../services/milk-factory/subscriptions/quota.ts';
import { contractYearOf, renewalFor, subscriptionEnd } from '../../../../services/milk-factory/subscriptions/subscription-term.ts';
import { captureLogger } from '../../../support/capture-logger.ts';
import { newTree } from './support.ts';

const running: QuotaState = { state: 'RUNNING', total: 10, claimed: 6, term: 0 };

describe('quota arithmetic (spec: reserve if claimed + quantity ≤ total)', () => {
  it('reserves up to the total and no further', () => {
    expect(decideReservation(running, 4, undefined)).toMatchObject({ answer: 'QuotaReserved', claimed: 10, record: { state: 'RESERVED', quantity: 4, term: 0 } });
    expect(decideReservation(running, 5, undefined)).toMatchObject({ answer: 'QuotaExceeded', claimed: 6, record: { state: 'EXCEEDED' }, reason: 'quota exceeded: 6 of 10 boxes claimed, 5 more asked' });
  });

  it('refuses a contract that is not RUNNING, reserving nothing', () => {
    expect(decideReservation({ ...running, state: 'TERMINATED' }, 1, undefined)).toMatchObject({ answer: 'ContractNotRunning', claimed: 6, record: { state: 'NOT_RUNNING' } });
  });

  it('decides once per requisition: a copy answers the earlier decision and changes nothing', () => {
    const reserved = { quantity: 4, term: 0, state: 'RESERVED' as const, reason: null };
    expect(decideReservation({ ...running, claimed: 10 }, 4, reserved)).toEqual({ answer: 'QuotaReserved', claimed: 10 });
    // Exceeded stays exceeded even once boxes are free again (the requisition is final).
    expect(decideReservation({ ...running, claimed: 0 }, 5, { quantity: 5, term: 0, state: 'EXCEEDED', reason: 'quota exceeded' })).toEqual({ answer: 'QuotaExceeded', claimed: 0, reason: 'quota exceeded' });
    expect(decideReservation(running, 4, { quantity: 4, term: 0, state: 'RELEASED', reason: null })).toEqual({ answer: 'QuotaReleased', claimed: 6 });
  });

  it('releases a reservation once; a release before the reservation leaves a mark so the reservation is never made', () => {
    const reserved = { quantity: 4, term: 0, state: 'RESERVED' as const, reason: null };
    expect(decideRelease({ ...running, claimed: 10 }, 4, reserved)).toEqual({ claimed: 6, record: { ...reserved, state: 'RELEASED' } });
    expect(decideRelease(running, 4, { ...reserved, state: 'RELEASED' })).toEqual({ claimed: 6 });
    expect(decideRelease(running, 4, { ...reserved, state: 'EXCEEDED' })).toEqual({ claimed: 6 });
    const early = decideRelease(running, 4, undefined);
    expect(early).toMatchObject({ claimed: 6, record: { state: 'RELEASED' } });
    expect(decideReservation(running, 4, early.record)).toEqual({ answer: 'QuotaReleased', claimed: 6 });
  });

  it('a reservation of an earlier term gives nothing back (claimed went to 0 when the contract was extended)', () => {
    expect(decideRelease({ ...running, claimed: 2, term: 1 }, 4, { quantity: 4, term: 0, state: 'RESERVED', reason: null })).toMatchObject({ claimed: 2, record: { state: 'RELEASED' } });
  });

  it('the quota is the CardboardBox QUANTITY (5|10|20 for MILKSHAKE_SUBSCRIPTION)', () => {
    expect(boxQuantity(newTree('MILKSHAKE_SUBSCRIPTION'))).toBe(10);
    const box = contractDefinition('MILKSHAKE_SUBSCRIPTION', '2021-01-01').root.configs.find((c) => c.name === 'QUANTITY');
    expect(box?.allowed).toEqual(['5', '10', '20']);
    expect(() => contractDefinition('MILKSHAKE_SUBSCRIPTION', '2020-12-31')).toThrow('No matching contract definition');
    expect(contractDefinition('MILKSHAKE_SUBSCRIPTION', '2021-01-01')).toMatchObject({ contractType: 'SUBSCRIPTION', durationDays: 360 });
  });
});

describe('yearly bill periods and renewals (spec: one bill per contract year)', () => {
  const subscription = { contractId: 's', startDay: '2023-01-10', endDay: subscriptionEnd('2023-01-10'), billedTo: null, yearly: true };

  it('a term is 360 days, both ends included; years count from the start', () => {
    expect(subscription.endDay).toBe('2024-01-04');
    expect(contractYearOf('2023-01-10', '2024-01-04')).toEqual({ from: '2023-01-10', to: '2024-01-04' });
    expect(contractYearOf('2023-01-10', '2024-01-05')).toEqual({ from: '2024-01-05', to: '2024-12-29' });
  });

  it('bills a year when the run reaches its first day: from its first day to its last', () => {
    expect(periodsToBill(subscription, '2023-01-09')).toEqual([]);
    expect(periodsToBill(subscription, '2023-01-10')).toEqual([{ from: '2023-01-10', to: '2024-01-04' }]);
    expect(periodsToBill({ ...subscription, billedTo: '2024-01-04' }, '2023-06-01')).toEqual([]);
    // Extended twice, a run far on bills each year not billed yet.
    expect(periodsToBill({ ...subscription, endDay: '2025-12-24', billedTo: '2024-01-04' }, '2025-01-01')).toEqual([
      { from: '2024-01-05', to: '2024-12-29' }, { from: '2024-12-30', to: '2025-12-24' },
    ]);
    // A terminated subscription's last year ends at its end.
    expect(periodsToBill({ ...subscription, endDay: '2023-03-01' }, '2023-01-10')).toEqual([{ from: '2023-01-10', to: '2023-03-01' }]);
  });

  it('a run past the end extends by 360 days (as many terms as reach the date) when autoExtend, else expires', () => {
    expect(renewalFor({ end: '2024-01-04', autoExtend: true }, '2024-01-04')).toEqual({ kind: 'none' });
    expect(renewalFor({ end: '2024-01-04', autoExtend: true }, '2024-01-05')).toEqual({ kind: 'extend', ends: ['2024-12-29'] });
    expect(renewalFor({ end: '2024-01-04', autoExtend: true }, '2025-01-01')).toEqual({ kind: 'extend', ends: ['2024-12-29', '2025-12-24'] });
    expect(renewalFor({ end: '2024-01-04', autoExtend: false }, '2024-01-05')).toEqual({ kind: 'expire' });
  });
});

describe('requisition requests', () => {
  const contract = { id: 'k', contract_type: 'SUBSCRIPTION' as const, state: 'RUNNING' as const, components: newTree('MILKSHAKE_SUBSCRIPTION') };
  const ok = { requisitionId: 'r', quantity: 10, deliverBy: '2027-01-01' };

  it('takes 1..quota boxes and a deliverBy from today on (400 otherwise), of a RUNNING subscription (409 otherwise)', () => {
    expect(() => checkRequest(contract, ok, '2027-01-01')).not.toThrow();
    for (const quantity of [0, 11]) expect(() => checkRequest(contract, { ...ok, quantity }, '2026-12-01')).toThrow('quantity must be 1..10');
    expect(() => checkRequest(contract, ok, '2027-01-02')).toThrow('deliverBy is in the past');
    expect(() => checkRequest({ ...contract, contract_type: 'ONE_OFF' }, ok, '2026-12-01')).toThrow('not a subscription');
    expect(() => checkRequest({ ...contract, state: 'EXPIRED' }, ok, '2026-12-01')).toThrow('is EXPIRED, not RUNNING');
  });

  it('the same id with the same body is the same request; another body is a conflict', () => {
    expect(() => assertSameRequest({ contractId: 'k', quantity: 10, deliverBy: '2027-01-01' }, 'k', ok)).not.toThrow();
    expect(() => assertSameRequest({ contractId: 'k', quantity: 9, deliverBy: '2027-01-01' }, 'k', ok)).toThrow('another body');
    expect(() => assertSameRequest({ contractId: 'other', quantity: 10, deliverBy: '2027-01-01' }, 'k', ok)).toThrow('another body');
  });
});

describe('the requisition machine, stepped in memory', () => {
  const address = { partnerId: 'p', street: 's', houseNumber: '1', postcode: '00184', city: 'Rome', country: 'IT' };
  const start = { requisitionId: 'r', contractId: 'k', quantity: 3, deliverBy: '2027-01-01', address };
  function instance() {
    let last: StepResult | undefined;
    const step = (type: string, data: any = {}): StepResult => {
      const message = { id: `m-${type}`, kind: 'command', type, data, metadata: { correlationId: 'c', occurredAt: '2023-01-01T00:00:00.000Z', source: 't', attempt: 1 } };
      last = runStep({ machine: requisitionMachine, snapshot: last?.snapshot, timers: last?.timers.pending ?? {}, event: { type, data, message } as never,
        input: last ? undefined : start, now: 0, scaledDelay: (d) => d, newToken: () => 'token' });
      return last;
    };
    const fire = (): StepResult => {
      const [timer] = Object.values(last!.timers.pending);
      last = runStep({ machine: requisitionMachine, snapshot: last!.snapshot, timers: {}, event: timer!.event, now: 0, scaledDelay: (d) => d, newToken: () => 'token' });
      return last;
    };
    return { step, fire };
  }
  const sent = (result: StepResult) => result.outputs.flatMap((o: MachineOutput) => (o.type === 'actors.send' ? [`${o.service}:${o.messageType}`] : []));

  it('reserves, organises, confirms; a late answer changes nothing', () => {
    const r = instance();
    const first = r.step('StartRequisition', start);
    expect(businessState(first.stateValue)).toBe('PENDING');
    expect(sent(first)).toEqual(['contracts:ReserveQuota']);
    expect(Object.values(first.timers.pending)[0]).toMatchObject({ dueAt: new Date(10_000).toISOString() });
    expect(sent(r.step('QuotaReserved', { claimed: 3, total: 10 }))).toEqual(['distribution:OrganiseDistribution']);
    const confirmed = r.step('DistributionOrganised', { deliveryId: 'd', date: '2027-01-01' });
    expect(confirmed.stateValue).toBe('CONFIRMED');
    expect((confirmed.snapshot as any).context).toMatchObject({ deliveryId: 'd', deliveryDate: '2027-01-01' });
    expect(confirmed.timers.pending).toEqual({});
  });

  it('quota exceeded → REJECTED_QUOTA_EXCEEDED, nothing to undo', () => {
    const r = instance();
    r.step('StartRequisition', start);
    const rejected = r.step('QuotaExceeded', { claimed: 9, total: 10, reason: 'quota exceeded: 9 of 10' });
    expect(rejected.stateValue).toBe('REJECTED_QUOTA_EXCEEDED');
    expect(sent(rejected)).toEqual([]);
  });

  it('the deadline → REJECTED_DUE_TO_DEADLINE: release and cancel, and cancel again a delivery organised late', () => {
    const r = instance();
    r.step('StartRequisition', start);
    r.step('QuotaReserved', { claimed: 3, total: 10 });
    const late = r.fire();
    expect(late.stateValue).toBe('REJECTED_DUE_TO_DEADLINE');
    expect(sent(late)).toEqual(['contracts:ReleaseQuota', 'distribution:CancelDistribution']);
    expect(sent(r.step('DistributionOrganised', { deliveryId: 'd', date: '2027-01-01' }))).toEqual(['distribution:CancelDistribution']);
    expect(r.step('QuotaReserved', { claimed: 3, total: 10 }).stateValue).toBe('REJECTED_DUE_TO_DEADLINE');
  });

  it('RejectRequisition (a terminated contract) while PENDING → REJECTED_CONTRACT_TERMINATED with release and cancel', () => {
    const r = instance();
    r.step('StartRequisition', start);
    const rejected = r.step('RejectRequisition', { reason: 'contract terminated, ending 2027-01-31' });
    expect(rejected.stateValue).toBe('REJECTED_CONTRACT_TERMINATED');
    expect(sent(rejected)).toEqual(['contracts:ReleaseQuota', 'distribution:CancelDistribution']);
    expect((rejected.snapshot as any).context.reason).toBe('contract terminated, ending 2027-01-31');
  });
});

describe('the REQUISITION security model', () => {
  it('lets CUSTOMER and SALES_REP order; no secured step of the landscape is unreachable (no SEC-001)', () => {
    expect(requisitionSecurityModel.processes.REQUISITION).toEqual({ ORDER: ['CUSTOMER', 'SALES_REP'] });
    const roles = [...milkFactoryUsers.flatMap((u) => u.roles), 'ADMIN'];
    const quiet = captureLogger();
    expect(checkSecurityModel({ model: milkfactoryLandscape.securityModel!, roles, logger: quiet.logger })).toEqual([]);
    expect(quiet.lines.some((l) => l.code === 'SEC-001')).toBe(false);
  });
});
