import type { MessageData } from './envelope.ts';
import type { StandardSchemaV1 } from './standard-schema.ts';

/** A message's data schema: any Standard Schema (zod, valibot, arktype, …). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a schema of any input and output
export type AnySchema = StandardSchemaV1<any, any>;
export type SchemaMap = Readonly<Record<string, AnySchema>>;

/**
 * A landscape's messages, by type: the commands its services accept and the events they
 * publish, each with the schema of its data. It types the handlers and what they emit
 * (`context.publish('OrderPlaced', data)` is checked at compile time), and its schemas
 * validate a message's data before a handler sees it.
 */
export interface MessageCatalogue<Commands extends SchemaMap = SchemaMap, Events extends SchemaMap = SchemaMap> {
  readonly commands: Commands;
  readonly events: Events;
}

/** No catalogue: any type with any data (the runtime's own code, quick tests). */
export type AnyCatalogue = MessageCatalogue<Record<string, StandardSchemaV1<MessageData, MessageData>>, Record<string, StandardSchemaV1<MessageData, MessageData>>>;

/**
 * Declares a landscape's message catalogue: `defineMessages({ commands: { CookFood: orderSchema },
 * events: { OrderCooked: orderSchema } })`. A type name is a command or an event, not both.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a catalogue may have no commands or no events
export function defineMessages<const Commands extends SchemaMap = {}, const Events extends SchemaMap = {}>(
  catalogue: { commands?: Commands; events?: Events },
): MessageCatalogue<Commands, Events> {
  const commands = (catalogue.commands ?? {}) as Commands;
  const events = (catalogue.events ?? {}) as Events;
  const both = Object.keys(commands).filter((type) => Object.hasOwn(events, type));
  if (both.length > 0) throw new TypeError(`message types declared as both command and event: ${both.join(', ')}`);
  return Object.freeze({ commands: Object.freeze({ ...commands }), events: Object.freeze({ ...events }) });
}

export type CommandType<M extends MessageCatalogue> = keyof M['commands'] & string;
export type EventType<M extends MessageCatalogue> = keyof M['events'] & string;
export type MessageType<M extends MessageCatalogue> = CommandType<M> | EventType<M>;

type SchemaFor<M extends MessageCatalogue, Type extends string> =
  Type extends keyof M['commands'] ? M['commands'][Type] : Type extends keyof M['events'] ? M['events'][Type] : never;

/** The data a producer gives a message of `Type`: its schema's input (its output where the input is declared `unknown`). */
export type DataIn<M extends MessageCatalogue, Type extends string> = SchemaFor<M, Type> extends StandardSchemaV1<infer Input, infer Output>
  ? (unknown extends Input ? AsData<Output> : AsData<Input>)
  : never;
type AsData<T> = T extends MessageData ? T : MessageData;

/** The data a handler receives for a message of `Type`: its schema's output. */
export type DataOut<M extends MessageCatalogue, Type extends string> = SchemaFor<M, Type> extends StandardSchemaV1<unknown, infer Output>
  ? (Output extends MessageData ? Output : MessageData)
  : never;

/** An event to publish as data, e.g. what a pure decision returns: `{ type, data }`, one member per event type. */
export type Emit<M extends MessageCatalogue> = { [Type in EventType<M>]: { type: Type; data: DataIn<M, Type> } }[EventType<M>];
/** A command to send as data: `{ type, data }`, one member per command type. */
export type CommandOf<M extends MessageCatalogue> = { [Type in CommandType<M>]: { type: Type; data: DataIn<M, Type> } }[CommandType<M>];

/** The schema a catalogue gives a message, by kind and type; undefined when it names none. */
export function catalogueSchema(catalogue: MessageCatalogue, kind: 'command' | 'event', type: string): AnySchema | undefined {
  const schemas = kind === 'command' ? catalogue.commands : catalogue.events;
  return Object.hasOwn(schemas, type) ? schemas[type] : undefined;
}
