import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { progressOf, salesMachine } from '../../../../web-components/milk-factory/sales-machine.ts';
import type { Draft } from '../../../../web-components/milk-factory/model.ts';

const draft = (ts: string, quantity = '10'): Draft => ({
  contract: { id: 'k1', productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', end: '2024-12-21', state: 'DRAFT', syncTimestamp: ts, createdBy: 'john.smith' },
  components: [{ id: 'box', parentId: null, path: 'CardboardBox1', componentDefinitionId: 'CardboardBox', configs: [{ name: 'QUANTITY', value: quantity, units: 'pieces' }] }],
});

describe('the sales page machine (browser orchestration)', () => {
  it('goes Draft 33 % → discounts 66 % → prices 100 %, then offers', async () => {
    const actor = createActor(salesMachine).start();
    actor.send({ type: 'CREATE', run: async () => draft('t1') });
    await waitFor(actor, (s) => s.matches('waiting'));
    expect(progressOf(actor.getSnapshot().context)).toBe(33);
    actor.send({ type: 'DISCOUNTS', contractId: 'k1', syncTimestamp: 't1', discounts: [] });
    expect(progressOf(actor.getSnapshot().context)).toBe(66);
    actor.send({ type: 'PRICES', contractId: 'k1', syncTimestamp: 't1', prices: { box: { total: '46.06', tax: '3.29' } } });
    expect(actor.getSnapshot().value).toBe('ready');
    actor.send({ type: 'OFFER', run: async () => ({ ...draft('t1'), contract: { ...draft('t1').contract, state: 'OFFERED' } }) });
    await waitFor(actor, (s) => s.matches('offered'));
    expect(actor.getSnapshot().context.draft?.contract.state).toBe('OFFERED');
  });

  it('ignores prices for an older sync timestamp and rolls back to the last good model on an Error', async () => {
    const actor = createActor(salesMachine).start();
    actor.send({ type: 'CREATE', run: async () => draft('t1') });
    await waitFor(actor, (s) => s.matches('waiting'));
    actor.send({ type: 'DISCOUNTS', contractId: 'k1', syncTimestamp: 't1', discounts: [] });
    actor.send({ type: 'PRICES', contractId: 'k1', syncTimestamp: 't1', prices: { box: { total: '46.06', tax: '3.29' } } });
    actor.send({ type: 'CHANGE', run: async () => draft('t2', '5') });
    await waitFor(actor, (s) => s.matches('waiting'));
    actor.send({ type: 'PRICES', contractId: 'k1', syncTimestamp: 't1', prices: {} });
    expect(actor.getSnapshot().value).toBe('waiting');
    actor.send({ type: 'ERROR', message: 'forced business error in milk-factory.pricing' });
    const { context, value } = actor.getSnapshot();
    expect(value).toBe('failed');
    expect(context.error).toBe('forced business error in milk-factory.pricing');
    expect(context.draft?.components[0]?.configs[0]?.value).toBe('10');
    expect(context.prices.box?.total).toBe('46.06');
  });

  it('shows a refused step\'s problem and keeps the model', async () => {
    const actor = createActor(salesMachine).start();
    actor.send({ type: 'CREATE', run: async () => { throw new Error('No matching contract definition - try a different date or product'); } });
    await waitFor(actor, (s) => s.matches('failed'));
    expect(actor.getSnapshot().context.error).toMatch(/No matching contract definition/);
  });
});
