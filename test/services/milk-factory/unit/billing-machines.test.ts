import { describe, expect, it } from 'vitest';
import { groupMachine } from '../../../../services/milk-factory/billing/group/group-machine.ts';
import { jobMachine } from '../../../../services/milk-factory/billing/job/job-machine.ts';
import { machineInstance, sent } from './support.ts';

const instance = machineInstance;
const token = (attempt: number, step: string) => ({ billingStep: { groupId: 'g', step, attempt } });
const start = { groupId: 'g', jobId: 'j', date: '2023-01-03', productId: 'P', firstDay: '2023-01-01', contractIds: ['a', 'b'] };
const prices = { a: { 2023: '24.33' }, b: { 2023: '24.33' } };

describe('billing-group machine', () => {
  it('READ_PRICE → BILL → COMMS → COMPLETED, each command stamped with the step\'s token, an earlier attempt\'s answer ignored', () => {
    const group = instance(groupMachine, { type: 'StartBillingGroup', data: start }, start);
    const read = group.start();
    expect(read.stateValue).toBe('READ_PRICE');
    expect(sent(read, 'ReadPrices')[0]).toMatchObject({ service: 'pricing', data: { replyTo: 'billing-group', periods: [{ contractId: 'a', from: '2023-01-01', to: '2023-01-03' }, { contractId: 'b' }] }, options: { metadata: token(1, 'READ_PRICE') } });
    expect(sent(read, 'BillingGroupChanged')[0]!.data).toMatchObject({ state: 'READ_PRICE', step: 'READ_PRICE', contracts: 2, seq: 1 });
    expect(group.step('PricesRead', { prices }, token(0, 'READ_PRICE')).stateValue).toBe('READ_PRICE');
    const bill = group.step('PricesRead', { prices }, token(1, 'READ_PRICE'));
    expect(sent(bill, 'BillGroup')[0]).toMatchObject({ service: 'billing', data: { jobId: 'j', groupId: 'g', date: '2023-01-03', contractIds: ['a', 'b'], prices }, options: { metadata: token(2, 'BILL') } });
    expect(group.step('GroupBilled', { bills: 6, created: 6 }, token(2, 'BILL')).stateValue).toBe('COMMS');
    const done = group.step('BillsAnnounced', { bills: 6, announced: 6 }, token(3, 'COMMS'));
    expect(done.stateValue).toBe('COMPLETED');
    expect(sent(done, 'BillingGroupChanged')[0]!.data).toMatchObject({ state: 'COMPLETED', bills: 6, seq: 4 });
  });

  it('a business error about its step splits a group of several into single groups starting at the failed step, with their prices', () => {
    const group = instance(groupMachine, { type: 'StartBillingGroup', data: start }, start);
    group.start();
    group.step('PricesRead', { prices }, token(1, 'READ_PRICE'));
    // An Error about another message carrying the same token (e.g. its own event) is not the step's.
    expect(group.step('Error', { message: 'x', originalType: 'BillingGroupChanged' }, token(2, 'BILL')).stateValue).toBe('BILL');
    const split = group.step('Error', { message: 'no such thing', originalType: 'BillGroup' }, token(2, 'BILL'));
    expect(split.stateValue).toBe('SPLIT');
    expect(sent(split, 'StartBillingGroup').map((o) => o.data)).toEqual([
      { groupId: 'g.1', jobId: 'j', date: '2023-01-03', productId: 'P', firstDay: '2023-01-01', contractIds: ['a'], splitFrom: 'g', startAt: 'BILL', prices: { a: { 2023: '24.33' } } },
      { groupId: 'g.2', jobId: 'j', date: '2023-01-03', productId: 'P', firstDay: '2023-01-01', contractIds: ['b'], splitFrom: 'g', startAt: 'BILL', prices: { b: { 2023: '24.33' } } },
    ]);
    expect(sent(split, 'BillingGroupChanged')[0]!.data).toMatchObject({ state: 'SPLIT', step: 'BILL', failedReason: 'no such thing', splitInto: ['g.1', 'g.2'] });
  });

  it('a single group with no answer within 30 s is FAILED at its step; a retry starts that step again', () => {
    const child = { ...start, groupId: 'g', contractIds: ['a'], splitFrom: 'p', startAt: 'BILL' as const, prices: { a: prices.a } };
    const group = instance(groupMachine, { type: 'StartBillingGroup', data: child }, child);
    expect(group.start().stateValue).toBe('BILL');
    const failed = group.fire();
    expect(failed.stateValue).toBe('FAILED');
    expect(sent(failed, 'BillingGroupChanged')[0]!.data).toMatchObject({ state: 'FAILED', step: 'BILL', failedReason: 'no answer to BillGroup within 30 s', splitFrom: 'p' });
    // The late answer to the failed attempt changes nothing.
    expect(group.step('GroupBilled', { bills: 3, created: 3 }, token(1, 'BILL')).stateValue).toBe('FAILED');
    const retried = group.step('RetryBillingGroup', { groupId: 'g' });
    expect(retried.stateValue).toBe('BILL');
    expect(sent(retried, 'BillGroup')[0]!.options).toEqual({ metadata: token(2, 'BILL') });
  });
});

describe('billing-job machine', () => {
  const job = { jobId: 'j', date: '2023-01-03', contracts: 3, groups: [{ groupId: 'g1', productId: 'P', firstDay: '2023-01-01', contractIds: ['a', 'b'] }, { groupId: 'g2', productId: 'P', firstDay: '2023-01-01', contractIds: ['c'] }] };
  const input = { start: job, sessionId: 'tab-that-started', startedAt: '2023-01-01T00:00:00.000Z' };
  const changed = (groupId: string, state: string, seq: number, bills = 0, contracts = 1) => ({ jobId: 'j', groupId, state, step: 'COMMS', contracts, bills, seq });

  it('starts its groups, follows them and tells the session that started it when every group is COMPLETED', () => {
    const machine = instance(jobMachine, { type: 'StartBillingJob', data: job }, input);
    const started = machine.start();
    expect(sent(started, 'StartBillingGroup').map((o) => o.data)).toEqual([{ ...job.groups[0], jobId: 'j', date: '2023-01-03' }, { ...job.groups[1], jobId: 'j', date: '2023-01-03' }]);
    expect(sent(started, 'BillingJobChanged')[0]!.data).toEqual({ jobId: 'j', state: 'RUNNING', counters: { contracts: 3, groups: 2, completedGroups: 0, failedGroups: 0, bills: 0 } });
    const one = machine.step('BillingGroupChanged', changed('g1', 'COMPLETED', 4, 6, 2));
    expect(sent(one, 'BillingJobChanged')[0]!.data).toMatchObject({ state: 'RUNNING', counters: { completedGroups: 1, bills: 6 } });
    const done = machine.step('BillingGroupChanged', changed('g2', 'COMPLETED', 4, 3), { sessionId: 'tab-that-retried' });
    expect(done.stateValue).toBe('COMPLETED');
    expect(sent(done, 'BillingJobChanged').map((o) => o.data)).toEqual([{ jobId: 'j', state: 'COMPLETED', counters: { contracts: 3, groups: 2, completedGroups: 2, failedGroups: 0, bills: 9 } }]);
    expect(sent(done, 'BillingJobCompleted')[0]).toMatchObject({ data: { jobId: 'j', contracts: 3, bills: 9 }, options: { sessionId: 'tab-that-started' } });
  });

  it('tells no session when none started the job, not the one whose message completes it', () => {
    const machine = instance(jobMachine, { type: 'StartBillingJob', data: job }, { ...input, sessionId: null });
    machine.start();
    machine.step('BillingGroupChanged', changed('g1', 'COMPLETED', 4, 6, 2));
    const done = machine.step('BillingGroupChanged', changed('g2', 'COMPLETED', 4, 3), { sessionId: 'tab-that-retried' });
    expect(sent(done, 'BillingJobCompleted')[0]!.options).toEqual({ metadata: { sessionId: undefined } });
  });

  it('completes at once when there is nothing to bill', () => {
    const empty = { jobId: 'j', date: '2023-01-03', contracts: 0, groups: [] };
    const result = instance(jobMachine, { type: 'StartBillingJob', data: empty }, { ...input, start: empty }).start();
    expect(result.stateValue).toBe('COMPLETED');
    expect(sent(result, 'BillingJobCompleted')[0]!.data).toEqual({ jobId: 'j', contracts: 0, bills: 0 });
  });
});
