import type { AnyStateMachine } from 'xstate';
import type { MachineOutput } from '../../../../actors/mod.ts';
import { runStep, type StepResult } from '../../../../actors/orchestrator/run-step.ts';
import type { ContractRow } from '../../../../services/milk-factory/contracts/contract-tables.ts';
import { instantiateTree } from '../../../../services/milk-factory/products/instantiate-tree.ts';
import { products } from '../../../../services/milk-factory/products/product-catalogue.ts';
import type { DraftComponent } from '../../../../services/milk-factory/products/draft-component.ts';

export function counterIds(): () => string {
  let n = 0;
  return () => `c${++n}`;
}

export function productRoot(productId: string) {
  const product = products.find((p) => p.productId === productId);
  if (!product) throw new Error(productId);
  return product.root;
}

export function newTree(productId: string): DraftComponent[] {
  return instantiateTree(productRoot(productId), counterIds());
}

export function byPath(components: readonly DraftComponent[], path: string): DraftComponent {
  const found = components.find((c) => c.path === path);
  if (!found) throw new Error(`no ${path}`);
  return found;
}

export const contractTimestamp = '2023-01-01T10:00:00.000Z';

/** A milkshake contract as contracts stores it: in sync, priced 46.06, with a holder and a sales rep. */
export function contractRow(overrides: Partial<ContractRow> = {}): ContractRow {
  const components = newTree('COOKIES_MILKSHAKE');
  const ts = contractTimestamp;
  return {
    id: 'k1', product_id: 'COOKIES_MILKSHAKE', profile_id: 'STANDARD', start_date: '2023-01-01', end_date: '2024-12-21', state: 'DRAFT',
    sync_timestamp: ts, created_at: ts, created_by: 'john.smith', offered_at: null, offered_by: null, accepted_at: null, accepted_by: null,
    approved_at: null, approved_by: null, components, discounts: [], discounts_sync_timestamp: ts, prices: { [components[0]!.id]: { total: '46.06', tax: '3.29' } },
    prices_sync_timestamp: ts, case_info: null, named_holder: null, terminated_at: null, terminated_by: null, replaces: null, replacement_id: null, billed_to: null,
    relationships: [{ partnerId: '180000032', role: 'CONTRACT_HOLDER' }, { partnerId: '180000001', role: 'SALES_REP', username: 'john.smith' }],
    ...overrides,
  };
}

/** An instance stepped in memory as the runtime's host steps it (no broker, no database). */
export function machineInstance(machine: AnyStateMachine, first: { type: string; data: any; metadata?: any }, input: unknown) {
  let last: StepResult | undefined;
  const step = (type: string, data: any = {}, metadata: any = {}): StepResult => {
    const message = { id: `m-${type}`, kind: 'command', type, data, metadata: { correlationId: 'c', occurredAt: '2023-01-01T00:00:00.000Z', source: 't', attempt: 1, ...metadata } };
    last = runStep({
      machine, snapshot: last?.snapshot, timers: last?.timers.pending ?? {}, event: { type, data, message } as never,
      input: last ? undefined : input, now: 0, scaledDelay: (d) => d, newToken: () => 'token',
    });
    return last;
  };
  const fire = (): StepResult => {
    const [timer] = Object.values(last!.timers.pending);
    last = runStep({ machine, snapshot: last!.snapshot, timers: {}, event: timer!.event, now: 0, scaledDelay: (d) => d, newToken: () => 'token' });
    return last;
  };
  return { step, fire, start: () => step(first.type, first.data, first.metadata) };
}

/** What a step emitted of one message type. */
export const sent = (result: StepResult, type: string) => result.outputs.filter((o): o is MachineOutput => o.messageType === type);
