import { afterAll, describe, expect, it } from 'vitest';
import { PublishRejectedError, systemClock, type ActorSystem } from '../../../actors/mod.ts';
import { managementFetch } from '../../support/environment.ts';
import { TestSystems, eventually } from '../../support/actor-system.ts';
import { Recorder, keysNamed } from './recorder.ts';

const systems = new TestSystems('changed-settings');
afterAll(() => systems.cleanup());

/** This process stops taking messages (its subscriptions only: an operator's pause, `operations.pause`, would hold for the next start too). */
async function pauseAll(system: ActorSystem): Promise<void> {
  for (const mailbox of system.operations.mailboxes) await mailbox.subscription.pause();
}

async function queueInfo(name: string): Promise<{ arguments: Record<string, unknown>; policy?: string; effective_policy_definition?: Record<string, unknown> }> {
  const response = await managementFetch(`/api/queues/%2F/${encodeURIComponent(name)}`);
  return response.json() as never;
}

describe('a mailbox whose settings change between two starts on the same broker', () => {
  it('starts with the new TIME_SCALE, bound, TTL, overflow and delivery limit; every queued message is handled once', async () => {
    const recorder = new Recorder('settings', 'ledger');
    const keys = keysNamed('k', 4);
    const first = await systems.start({
      actors: [recorder.actor({ mailbox: { maxLength: 200, messageTtl: 600_000, deliveryLimit: 5, overflow: 'reject-publish' } })],
      clock: systemClock(1),
      database: true,
    });
    await recorder.send(first, keys, 5);
    await eventually(() => recorder.allHandled, 10_000, 'the first messages');
    await pauseAll(first);
    await recorder.send(first, keys, 10); // these wait in the mailbox
    await first.stop();

    // Before policies each of these changes made the start fail: PRECONDITION_FAILED, inequivalent arg.
    const second = await systems.start({
      actors: [recorder.actor({ mailbox: { maxLength: 500, messageTtl: 300_000, deliveryLimit: 3, overflow: 'drop-head' } })],
      clock: systemClock(0.1),
      database: true,
    });
    expect(second.stage).toBe('stable');
    await eventually(() => recorder.allHandled, 15_000, 'the queued messages');
    expect(recorder.check()).toEqual({ missing: 0, twice: 0, outOfOrder: [] });

    const mailbox = second.names.mailbox('settings', 'ledger');
    const info = await eventually(async () => {
      const found = await queueInfo(mailbox);
      return found.effective_policy_definition?.['max-length'] === 500 ? found : undefined;
    }, 10_000, 'the new policy in effect');
    expect(info.arguments).toEqual({ 'x-queue-type': 'quorum' });
    expect(info.policy).toBe(second.names.mailboxPolicy('settings', 'ledger'));
    expect(info.effective_policy_definition).toMatchObject({
      'max-length': 500, 'message-ttl': 30_000, 'delivery-limit': 3, overflow: 'drop-head', 'dead-letter-routing-key': `${mailbox}.parked`,
    });
    expect(info.effective_policy_definition).not.toHaveProperty('dead-letter-strategy');
  });

  it('applies a lowered bound to the queue in place: the mailbox refuses what goes beyond it', async () => {
    const recorder = new Recorder('settings', 'bounded');
    const first = await systems.start({ actors: [recorder.actor({ mailbox: { maxLength: 1_000 } })], database: true });
    await first.stop();

    const second = await systems.start({ actors: [recorder.actor({ mailbox: { maxLength: 5 } })], database: true });
    await pauseAll(second);
    // Reject-publish: a quorum queue checks after enqueueing, so one more than the bound may pass.
    let accepted = 0;
    let refusal: unknown;
    while (refusal === undefined && accepted < 20) await recorder.send(second, ['a'], 1).then(() => { accepted += 1; }, (error) => { refusal = error; });
    expect(refusal).toBeInstanceOf(PublishRejectedError);
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThanOrEqual(6);
  });
});
