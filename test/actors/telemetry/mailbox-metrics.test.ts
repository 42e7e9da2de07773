import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { BusinessError, createCommand, defineActor, headers, systemClock } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import { TestSystems, eventually } from '../../support/actor-system.ts';
import { parseExposition, sampleValue } from '../../support/prometheus-text.ts';

const systems = new TestSystems('mailbox-metrics');
afterAll(() => systems.cleanup());

describe('a mailbox\'s metrics', () => {
  it('count handled, failed (business and technical), retried and parked by reason, with nothing left in flight', async () => {
    const actor = defineActor({
      landscape: 'metered',
      service: 'worker',
      retry: [1_000],
      commands: {
        Ok: () => {},
        Refuse: () => { throw new BusinessError('not today'); },
        Break: () => { throw new Error('database is down'); },
      },
    });
    const system = await systems.start({ actors: [actor], clock: systemClock(0.01) });
    const { bus, broker } = testInternals(system);
    for (const type of ['Ok', 'Ok', 'Refuse', 'Break']) await bus.send('metered', 'worker', createCommand(type, {}, { source: 'test' }));
    const content = Buffer.from('{not json');
    await broker.publish({
      exchange: system.names.commands('metered'), routingKey: 'worker', content,
      properties: { persistent: true, headers: { [headers.signature]: bus.signer.sign(content, {}) } },
    });

    const labels = { actor: 'metered.worker' };
    const scraped = await eventually(async () => {
      const families = parseExposition(await system.metrics.registry.render());
      return sampleValue(families, 'actors_messages_parked_total', { ...labels, reason: 'retries-exhausted' }) === 1 ? families : undefined;
    }, 10_000, 'the broken message parked after its retry');
    expect(sampleValue(scraped, 'actors_messages_handled_total', labels)).toBe(2);
    // Refuse once (business), Break twice (first attempt and its retry).
    expect(sampleValue(scraped, 'actors_messages_failed_total', labels)).toBe(3);
    expect(sampleValue(scraped, 'actors_messages_retried_total', labels)).toBe(1);
    expect(sampleValue(scraped, 'actors_messages_parked_total', { ...labels, reason: 'malformed' })).toBe(1);
    expect(sampleValue(scraped, 'actors_messages_in_flight', labels)).toBe(0);
    const text = await system.metrics.registry.render();
    // Without a database every delivery is its own batch: five handlings (Ok, Ok, Refuse, Break twice; the malformed one never reaches a handler).
    expect(text).toContain('actors_batch_size_messages_count{actor="metered.worker"} 5\n');
    expect(text).toMatch(/actors_handler_duration_seconds_count\{actor="metered.worker"\} 5\n/);
    expect(sampleValue(scraped, 'actors_broker_connected')).toBe(1);
  });
});
