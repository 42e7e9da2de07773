import type { Envelope } from '../envelope/envelope.ts';
import type { MessageBus } from './message-bus.ts';

/**
 * A message with where it goes, resolved when it is emitted: the same plain data is sent
 * at once, stored in the outbox, or read back from it by the sweeper.
 */
export type AddressedMessage =
  | { route: 'event'; landscape: string; message: Envelope }
  | { route: 'command'; landscape: string; service: string; message: Envelope }
  | { route: 'later'; landscape: string; queue: string; dueAt: Date; message: Envelope };

export function deliver(bus: MessageBus, addressed: AddressedMessage): Promise<void> {
  switch (addressed.route) {
    case 'event': return bus.publish(addressed.landscape, addressed.message);
    case 'command': return bus.send(addressed.landscape, addressed.service, addressed.message);
    case 'later': return bus.sendLater(addressed.message, addressed.queue, { at: addressed.dueAt });
  }
}
