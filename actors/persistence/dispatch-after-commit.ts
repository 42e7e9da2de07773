import { sql, type Kysely } from 'kysely';
import { every, type Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { deliver, type AddressedMessage } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { markDispatched } from './outbox.ts';
import { attemptPublish, recordPublishFailure, type PublishRetry } from './publish-retry.ts';
import type { RuntimeTables } from './runtime-tables.ts';
import { anyOf } from './any-of.ts';

/**
 * How often a dispatch still publishing renews its pending rows' time, ms: well under the
 * sweeper's `minAge` (2 s by default), so the sweeper, which takes pending rows older than
 * that, leaves a slow dispatch alone and takes only what a crash (no more renewals) left. A
 * transaction emitting thousands of messages may take longer than `minAge` to publish; before
 * the lease the sweeper published those again beside it (56,000 of a billing job's 70,000
 * events, read back from the outbox and sent a second time).
 */
export const dispatchLease = 1_000;

/**
 * Publishes committed outbox messages with confirms and deletes the pending row their
 * transactions stored (`pendingIds`; none for messages published again, which were
 * dispatched before). If that fails (broker gone, a mailbox full) the rows stay pending
 * and the sweeper sends them later: the state change is already safe, so this never
 * fails its caller.
 */
export async function dispatchAfterCommit(
  bus: MessageBus, runtimeDb: Kysely<RuntimeTables>, messages: readonly AddressedMessage[], pendingIds: readonly string[],
  logger: Logger, clock: Clock, lease = dispatchLease, retry?: PublishRetry,
): Promise<void> {
  if (messages.length === 0) return;
  const renewal = pendingIds.length === 0 ? undefined : every(clock, lease, () => {
    runtimeDb.updateTable('outbox_pending').set({ created_at: sql`now()` }).where(anyOf('id', pendingIds)).execute()
      .catch((error: unknown) => logger.warn({ err: error }, 'renewing the lease of a dispatch failed; the sweeper may publish its messages again'));
  });
  try {
    if (retry) {
      // A bounded schedule (`publishRetry`): one attempt; a failure is recorded on the pending
      // rows, whose next attempt the sweeper makes when due (or they are parked).
      const failure = await attemptPublish(bus, messages, clock, retry);
      if (failure === undefined) await markDispatched(runtimeDb, pendingIds);
      else await recordPublishFailure(runtimeDb, pendingIds, failure, clock, retry, logger);
    } else {
      await Promise.all(messages.map((m) => deliver(bus, m)));
      await markDispatched(runtimeDb, pendingIds);
    }
  } catch (error) {
    logger.warn({ err: error, count: messages.length, code: 'OUTBOX-002' }, 'publishing after commit failed; the outbox sweeper will send them');
  } finally {
    clock.clearInterval(renewal);
  }
}
