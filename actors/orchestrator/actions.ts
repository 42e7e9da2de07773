import { emit } from 'xstate';
import type { MessageData, MessageOptions } from '../envelope/envelope.ts';
import type { AnyCatalogue, CommandType, DataIn, EventType, MessageCatalogue } from '../envelope/message-catalogue.ts';

/**
 * What a machine may set on a message besides its data: the session it goes to (e.g. the
 * one that started the process, rather than the one whose message is being handled), the
 * correlation, and metadata that the messages it causes inherit (e.g. a step's token, which
 * comes back on the answer, and on an `Error` about it).
 */
export type OutputOptions = Pick<MessageOptions, 'sessionId' | 'correlationId' | 'metadata'>;

/** What a machine emits to have the host send a message; the host puts it in the outbox. */
export type MachineOutput =
  | { type: 'actors.send'; service: string; messageType: string; data: MessageData; options?: OutputOptions }
  | { type: 'actors.publish'; messageType: string; data: MessageData; options?: OutputOptions };

/** XState's action arguments, typed per machine. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- XState's action arguments are typed per machine
type Args = { context: any; event: any };
/** Builds the message data from the machine's context and the event being handled. */
type DataOf<Data = MessageData> = (args: Args) => Data;
type OptionsOf = (args: Args) => OutputOptions;

/**
 * An XState action: send a command to a service of the orchestrator's landscape. With a
 * catalogue `M` (a landscape's `sendCommand`, from `defineLandscape`), the type and the data
 * are checked against it.
 */
export function sendCommand<M extends MessageCatalogue = AnyCatalogue, Type extends CommandType<M> = CommandType<M>>(
  service: string, messageType: Type, data: DataOf<DataIn<M, Type>> = () => ({}) as DataIn<M, Type>, options?: OptionsOf,
) {
  return emit((args) => withOptions({ type: 'actors.send', service, messageType, data: data(args) as MessageData }, options?.(args)));
}

/** An XState action: publish an event of the orchestrator's landscape (checked against `M` as `sendCommand` is). */
export function publishEvent<M extends MessageCatalogue = AnyCatalogue, Type extends EventType<M> = EventType<M>>(
  messageType: Type, data: DataOf<DataIn<M, Type>> = () => ({}) as DataIn<M, Type>, options?: OptionsOf,
) {
  return emit((args) => withOptions({ type: 'actors.publish', messageType, data: data(args) as MessageData }, options?.(args)));
}

export function isMachineOutput(event: { type: string }): event is MachineOutput {
  return event.type === 'actors.send' || event.type === 'actors.publish';
}

function withOptions<Output extends MachineOutput>(output: Output, options: OutputOptions | undefined): Output {
  return options === undefined ? output : { ...output, options };
}
