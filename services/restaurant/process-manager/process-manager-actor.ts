import { restaurant } from '../landscape.ts';
import type { OrderDocument } from '../document/order-document.ts';
import { orderProcess } from './order-process.ts';

/** The machine's name (`order-process@1` without its version), for `describeInstance`. */
export const orderProcessName = 'order-process';

/**
 * The process managers, hosted by the runtime (rule 11): one instance per order (its
 * correlation id), started by OrderPlaced; snapshot, timers and emitted commands are
 * stored in the step's transaction, so a restart resumes where it was and sends nothing twice.
 */
export const processManagerActor = restaurant.defineOrchestrator({
  service: 'process-manager',
  machines: [orderProcess],
  events: ['OrderPlaced', 'OrderCooked', 'OrderPriced', 'OrderPaid'],
  starts: ['OrderPlaced'],
  input: (message) => ({ document: message.data as OrderDocument }),
});
