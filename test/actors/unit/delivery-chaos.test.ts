import { describe, expect, it } from 'vitest';
import type { ConsumeMessage } from 'amqplib';
import { parseChaos, withChaos, type ChaosCounts } from '../../../actors/chaos/delivery-chaos.ts';
import type { Delivery } from '../../../actors/broker/subscription.ts';

function delivery(settled: string[]): Delivery {
  const raw = { content: Buffer.from('{}'), fields: {}, properties: { messageId: 'm1', headers: {} } } as unknown as ConsumeMessage;
  return { raw, queue: 'shop.orders', ack: () => settled.push('ack'), requeue: () => settled.push('requeue') };
}

describe('delivery chaos', () => {
  it('reads ACTORS_CHAOS and refuses anything else', () => {
    expect(parseChaos(undefined)).toBeUndefined();
    expect(parseChaos('')).toBeUndefined();
    expect(parseChaos('duplicate:0.1,drop:0.2')).toEqual({ duplicate: 0.1, drop: 0.2 });
    for (const bad of ['dup:0.1', 'drop:', 'drop:1.5', 'drop:0.1:2', 'drop:x']) expect(() => parseChaos(bad)).toThrow(/ACTORS_CHAOS/);
  });

  it('drops by handing the delivery back unhandled, and duplicates by handling the message twice, only the second settling it', async () => {
    const rolls = [/* first delivery: drop */ 0.05, /* second: no drop, duplicate */ 0.9, 0.05];
    const handled: string[] = [];
    const settled: string[] = [];
    const counts: ChaosCounts = { deliveries: 0, duplicated: 0, dropped: 0 };
    const handle = withChaos(async (d) => { handled.push(d.raw.properties.messageId as string); d.ack(); }, { drop: 0.1, duplicate: 0.1, random: () => rolls.shift()! }, counts);

    await handle(delivery(settled));
    expect(settled).toEqual(['requeue']);
    expect(handled).toEqual([]);

    await handle(delivery(settled));
    expect(handled).toEqual(['m1', 'm1']);
    expect(settled).toEqual(['requeue', 'ack']);
    expect(counts).toEqual({ deliveries: 2, duplicated: 1, dropped: 1 });
  });
});
