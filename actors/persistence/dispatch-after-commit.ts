import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.ts';
import { deliver, type AddressedMessage } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { markDispatched } from './outbox.ts';
import type { RuntimeTables } from './runtime-tables.ts';

/**
 * Publishes committed outbox messages with confirms and deletes the pending row their
 * transactions stored (`pendingIds`; none for messages published again, which were
 * dispatched before). If that fails (broker gone, a mailbox full) the rows stay pending
 * and the sweeper sends them later: the state change is already safe, so this never
 * fails its caller.
 */
export async function dispatchAfterCommit(bus: MessageBus, runtimeDb: Kysely<RuntimeTables>, messages: readonly AddressedMessage[], pendingIds: readonly string[], logger: Logger): Promise<void> {
  if (messages.length === 0) return;
  try {
    await Promise.all(messages.map((m) => deliver(bus, m)));
    await markDispatched(runtimeDb, pendingIds);
  } catch (error) {
    logger.warn({ err: error, count: messages.length, code: 'OUTBOX-002' }, 'publishing after commit failed; the outbox sweeper will send them');
  }
}
