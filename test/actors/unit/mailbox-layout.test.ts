import { describe, expect, it } from 'vitest';
import type { BindingInfo, QueueInfo } from '../../../actors/broker/management-api.ts';
import { drainOrder, planMailboxLayout } from '../../../actors/topology/mailbox-layout.ts';
import { topologyNames } from '../../../actors/topology/names.ts';

const names = topologyNames('ns');
const m = 'ns.bank.ledger';
const current = (name: string, partitioned = true): QueueInfo => ({
  name, consumers: 0, arguments: partitioned ? { 'x-queue-type': 'quorum', 'x-single-active-consumer': true } : { 'x-queue-type': 'quorum' },
});
const legacy = (name: string): QueueInfo => ({ name, consumers: 0, arguments: { 'x-queue-type': 'quorum', 'x-max-length': 100_000 } });
const fromEntry = (destination: string, type: 'queue' | 'exchange'): BindingInfo => ({
  source: `${m}.partitions`, destination, destination_type: type, routing_key: '1', arguments: {},
});

describe('mailbox layout', () => {
  it('is steady when the broker holds what the actor declares', () => {
    const layout = planMailboxLayout(names, m, 2, [current(`${m}.0-of-2`), current(`${m}.1-of-2`)], [fromEntry(`${m}.2-partitions`, 'exchange')]);
    expect(layout).toMatchObject({ live: [`${m}.0-of-2`, `${m}.1-of-2`], partitionSet: `${m}.2-partitions`, drainStages: [], entryUnbinds: [], retiredExchanges: [] });
    expect(layout.rebuild).toBeUndefined();
  });

  it('moves the entry to a new partition set and drains the old set before the new one is consumed', () => {
    const found = [0, 1, 2, 3].map((i) => current(`${m}.${i}-of-4`));
    const layout = planMailboxLayout(names, m, 8, found, [fromEntry(`${m}.4-partitions`, 'exchange')]);
    expect(layout.partitionSet).toBe(`${m}.8-partitions`);
    expect(layout.entryUnbinds.map((b) => b.destination)).toEqual([`${m}.4-partitions`]);
    expect(drainOrder(layout)).toEqual([[0, 1, 2, 3].map((i) => `${m}.${i}-of-4`)]);
    expect(layout.retiredExchanges).toEqual([`${m}.4-partitions`]);
  });

  it('unbinds old-style partitions from the last bucket down and drains them in that order, one after the other', () => {
    const found = [0, 1, 2, 3].map((i) => legacy(`${m}.${i}`));
    const layout = planMailboxLayout(names, m, 4, found, [0, 1, 2, 3].map((i) => fromEntry(`${m}.${i}`, 'queue')));
    expect(layout.entryUnbinds.map((b) => b.destination)).toEqual([`${m}.3`, `${m}.2`, `${m}.1`, `${m}.0`]);
    expect(drainOrder(layout)).toEqual([[`${m}.3`], [`${m}.2`], [`${m}.1`], [`${m}.0`]]);
    expect(layout.returnAddresses).toEqual(expect.arrayContaining([`${m}.0`, `${m}.3`, `${m}.0-of-4`, m]));
  });

  it('re-creates an unpartitioned mailbox declared with its settings as arguments, through the holding queue', () => {
    const layout = planMailboxLayout(names, m, 1, [legacy(m)], []);
    expect(layout).toMatchObject({ live: [m], rebuild: m, holding: `${m}.upgrading`, drainStages: [] });
    expect(drainOrder(layout)).toEqual([[m]]);
  });

  it('finishes an upgrade a start left halfway: the holding queue is drained before the mailbox is consumed', () => {
    const layout = planMailboxLayout(names, m, 1, [current(m, false), current(`${m}.upgrading`, false)], []);
    expect(layout.rebuild).toBeUndefined();
    expect(layout.holding).toBe(`${m}.upgrading`);
  });

  it('drains queues already cut off from the entry before those it still reaches', () => {
    const found = [current(m, false), ...[0, 1].map((i) => current(`${m}.${i}-of-2`)), ...[0, 1, 2].map((i) => current(`${m}.${i}-of-3`))];
    const layout = planMailboxLayout(names, m, 4, found, [fromEntry(`${m}.3-partitions`, 'exchange')]);
    expect(drainOrder(layout)).toEqual([[`${m}.0-of-2`, `${m}.1-of-2`], [m], [`${m}.0-of-3`, `${m}.1-of-3`, `${m}.2-of-3`]]);
    expect(layout.retiredExchanges.sort()).toEqual([`${m}.2-partitions`, `${m}.3-partitions`]);
  });

  it('going back to one queue drains every partition at once (the entry is cut off as a whole) and retires the exchanges', () => {
    const layout = planMailboxLayout(names, m, 1, [0, 1].map((i) => current(`${m}.${i}-of-2`)), [fromEntry(`${m}.2-partitions`, 'exchange')]);
    expect(drainOrder(layout)).toEqual([[`${m}.0-of-2`, `${m}.1-of-2`]]);
    expect(layout.retiredExchanges).toEqual([`${m}.2-partitions`, `${m}.partitions`]);
    expect(layout.entryUnbinds).toEqual([]);
  });
});
