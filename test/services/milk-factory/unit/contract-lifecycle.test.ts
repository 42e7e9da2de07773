import { describe, expect, it } from 'vitest';
import { checkReplacement, copyTree, replacementDraft } from '../../../../services/milk-factory/contracts/replacement-draft.ts';
import { checkTermination, terminationRefusal } from '../../../../services/milk-factory/contracts/termination.ts';
import { contractDefinition } from '../../../../services/milk-factory/products/contract-definition.ts';
import { replacementMachine } from '../../../../services/milk-factory/replacement/replacement-machine.ts';
import { replacementKey } from '../../../../services/milk-factory/replacement/replacement-orchestrator.ts';
import { contractRow, counterIds, machineInstance, sent } from './support.ts';

const running = contractRow({ state: 'RUNNING', start_date: '2023-01-01', end_date: '2024-12-21' });
const problem = (f: () => void) => {
  try {
    f();
  } catch (error) {
    return { class: (error as Error).constructor.name, message: (error as Error).message };
  }
  return undefined;
};

describe('termination bounds (spec: RUNNING; start ≤ date ≤ end; not before the billed-to day)', () => {
  it('allows the start, the end and any day between, at or after the billed-to day', () => {
    for (const date of ['2023-01-01', '2023-06-30', '2024-12-21']) expect(() => checkTermination(running, date, null)).not.toThrow();
    expect(() => checkTermination(running, '2023-01-10', '2023-01-10')).not.toThrow();
  });

  it('refuses a day before the start or after the end (400, naming the field)', () => {
    for (const date of ['2022-12-31', '2024-12-22']) {
      expect(problem(() => checkTermination(running, date, null))).toEqual({ class: 'ValidationError', message: 'the end must be a day from the contract\'s start 2023-01-01 to its end 2024-12-21' });
    }
  });

  it('refuses a day before the billed-to day: 409 "already billed up to <day>"', () => {
    expect(problem(() => checkTermination(running, '2023-01-09', '2023-01-10'))).toEqual({ class: 'ConflictError', message: 'already billed up to 2023-01-10' });
  });

  it('refuses a contract that is not RUNNING (409)', () => {
    for (const state of ['DRAFT', 'OFFERED', 'AWAITING_APPROVAL', 'TERMINATED'] as const) {
      expect(problem(() => checkTermination({ ...running, state }, '2023-02-01', null))?.class, state).toBe('ConflictError');
    }
  });

  it('answers a refusal as its message for the orchestrated termination, undefined when allowed', () => {
    expect(terminationRefusal(running, '2023-02-01', null)).toBeUndefined();
    expect(terminationRefusal(running, '2023-01-05', '2023-01-07')).toBe('already billed up to 2023-01-07');
  });
});

describe('replacement drafts (spec: the old tree and configs, replaces: <oldId>, one in progress)', () => {
  it('ends the old contract the day before the new start: that day must be within it and not before its billed-to day', () => {
    expect(() => checkReplacement(running, '2023-01-02', null)).not.toThrow();
    expect(() => checkReplacement(running, '2024-12-22', null)).not.toThrow(); // the day after the end: ends on its end
    expect(problem(() => checkReplacement(running, '2023-01-01', null))?.class).toBe('ValidationError');
    expect(problem(() => checkReplacement(running, '2024-12-23', null))?.class).toBe('ValidationError');
    expect(problem(() => checkReplacement(running, '2023-01-05', '2023-01-05'))).toEqual({ class: 'ConflictError', message: 'already billed up to 2023-01-05' });
  });

  it('refuses a second replacement while one is in progress (409), and a contract not RUNNING', () => {
    expect(problem(() => checkReplacement({ ...running, replacement_id: 'k2' }, '2023-02-01', null))).toEqual({ class: 'ConflictError', message: 'Contract k1 already has a replacement in progress: k2' });
    expect(problem(() => checkReplacement({ ...running, state: 'TERMINATED' }, '2023-02-01', null))?.class).toBe('ConflictError');
  });

  it('copies the tree with new ids, parents and paths and configs kept', () => {
    const copy = copyTree(running.components, (() => { let n = 0; return () => `n${++n}`; })());
    expect(copy.map((c) => c.path)).toEqual(running.components.map((c) => c.path));
    expect(copy.map((c) => c.configs)).toEqual(running.components.map((c) => c.configs));
    expect(copy.some((c) => running.components.some((o) => o.id === c.id))).toBe(false);
    const byId = new Map(copy.map((c) => [c.id, c]));
    for (const c of copy) if (c.parentId !== null) expect(c.path.startsWith(byId.get(c.parentId)!.path)).toBe(true);
  });

  it('makes a DRAFT of the product from the new start, for the old holder, naming what it replaces; a tree the product refuses is 400', () => {
    const product = contractDefinition('COOKIES_MILKSHAKE', '2023-06-01');
    const draft = replacementDraft(running, product, '2023-06-01', { id: 'k2', by: 'john.smith', now: 'now', syncTimestamp: 'ts', newComponentId: counterIds() });
    expect(draft).toMatchObject({ id: 'k2', state: 'DRAFT', start_date: '2023-06-01', end_date: '2025-05-21', replaces: 'k1', named_holder: '180000032', relationships: [] });
    const latte = contractDefinition('COFFEE_LATTE_SKINNY', '2023-06-01');
    expect(problem(() => replacementDraft(running, latte, '2023-06-01', { id: 'k3', by: 'x', now: 'now', syncTimestamp: 'ts', newComponentId: counterIds() }))?.class).toBe('ValidationError');
  });
});

describe('contract-replacement machine (stepped in memory)', () => {
  const start = { oldId: 'old', newId: 'new', start: '2023-06-01' };

  it('on the new contract\'s approval has the old one terminated the day before its start, then publishes ContractReplaced', () => {
    const process = machineInstance(replacementMachine, { type: 'StartContractReplacement', data: start }, start);
    expect(process.start().stateValue).toBe('AWAITING_APPROVAL');
    const terminating = process.step('ContractApproved', { contract: { id: 'new', replaces: 'old' } });
    expect(terminating.stateValue).toBe('TERMINATING');
    expect(sent(terminating, 'TerminateContract')[0]).toMatchObject({ service: 'contracts', data: { contractId: 'old', end: '2023-05-31', replacedBy: 'new' } });
    const done = process.step('ContractTerminated', { contractId: 'old', end: '2023-05-31', replacedBy: 'new' });
    expect(done.stateValue).toBe('COMPLETED');
    expect(sent(done, 'ContractReplaced')[0]!.data).toEqual({ oldId: 'old', newId: 'new' });
  });

  it('ends with nothing sent when the draft is deleted; fails with the reason when the termination is refused', () => {
    const deleted = machineInstance(replacementMachine, { type: 'StartContractReplacement', data: start }, start);
    deleted.start();
    const cancelled = deleted.step('DraftDeleted', { contractId: 'new', replaces: 'old' });
    expect(cancelled.stateValue).toBe('CANCELLED');
    expect(cancelled.outputs).toEqual([]);
    const refused = machineInstance(replacementMachine, { type: 'StartContractReplacement', data: start }, start);
    refused.start();
    refused.step('ContractApproved', { contract: { id: 'new', replaces: 'old' } });
    const failed = refused.step('TerminationRejected', { contractId: 'old', replacedBy: 'new', reason: 'already billed up to 2023-06-03' });
    expect(failed.stateValue).toBe('FAILED');
    expect(sent(failed, 'ContractReplaced')).toEqual([]);
  });

  it('keys by the replacement draft; approvals, deletions and terminations of no replacement are ignored', () => {
    const m = (type: string, data: unknown) => ({ type, data }) as never;
    expect(replacementKey(m('StartContractReplacement', start))).toBe('new');
    expect(replacementKey(m('ContractApproved', { contract: { id: 'new', replaces: 'old' } }))).toBe('new');
    expect(replacementKey(m('ContractApproved', { contract: { id: 'x', replaces: null } }))).toBeUndefined();
    expect(replacementKey(m('DraftDeleted', { contractId: 'new', replaces: 'old' }))).toBe('new');
    expect(replacementKey(m('DraftDeleted', { contractId: 'x', replaces: null }))).toBeUndefined();
    expect(replacementKey(m('ContractTerminated', { contractId: 'old', end: '2023-05-31', replacedBy: 'new' }))).toBe('new');
    expect(replacementKey(m('ContractTerminated', { contractId: 'old', end: '2023-05-31' }))).toBeUndefined();
  });
});
