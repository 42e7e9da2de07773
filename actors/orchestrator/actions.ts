import { emit } from 'xstate';
import type { MessageData } from '../envelope/envelope.ts';

/** What a machine emits to have the host send a message; the host puts it in the outbox. */
export type MachineOutput =
  | { type: 'actors.send'; service: string; messageType: string; data: MessageData }
  | { type: 'actors.publish'; messageType: string; data: MessageData };

/** Builds the message data from the machine's context and the event being handled. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- XState's action arguments are typed per machine
type DataOf = (args: { context: any; event: any }) => MessageData;

/** An XState action: send a command to a service of the orchestrator's landscape. */
export function sendCommand(service: string, messageType: string, data: DataOf = () => ({})) {
  return emit((args) => ({ type: 'actors.send', service, messageType, data: data(args) }));
}

/** An XState action: publish an event of the orchestrator's landscape. */
export function publishEvent(messageType: string, data: DataOf = () => ({})) {
  return emit((args) => ({ type: 'actors.publish', messageType, data: data(args) }));
}

export function isMachineOutput(event: { type: string }): event is MachineOutput {
  return event.type === 'actors.send' || event.type === 'actors.publish';
}
