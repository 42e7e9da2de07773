import { topologyNames, type ActorDefinition, type MessageCatalogue } from '../../actors/mod.ts';
import { jsonSchemaOf } from './json-schema.ts';

/** A landscape's messages as the broker carries them: its catalogue, and the actors that handle them. */
export interface LandscapeMessaging {
  name: string;
  catalogue: MessageCatalogue;
  actors: readonly ActorDefinition[];
}

export interface AsyncApiInfo {
  title: string;
  version: string;
  description?: string;
}

type Json = Record<string, unknown>;

const amqpBinding = '0.3.0';
const names = topologyNames();

/**
 * AsyncAPI 3 of every message of `landscapes` (rule 3): an event on `<landscape>.events`
 * with its type as routing key, a command on `<landscape>.commands` with the service that
 * handles it as routing key. One channel per routing key, so each names its exchange and
 * key; a `send` operation per message type, a `receive` operation per handling service.
 * Payloads are the envelope (rule 2) with `data` from the catalogue's schema. Names carry
 * no namespace: a namespaced deployment prefixes every exchange the same way.
 */
export function asyncApiDocument(landscapes: readonly LandscapeMessaging[], info: AsyncApiInfo): Json {
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  for (const landscape of landscapes) {
    const message = (kind: 'command' | 'event', type: string, schema: unknown) => {
      const key = `${landscape.name}.${type}`;
      messages[key] = messageObject(kind, type, schema);
      return { $ref: `#/components/messages/${key}` };
    };
    const channel = (key: string, exchange: string, exchangeType: 'topic' | 'direct', address: string | null, refs: Record<string, Json>) => {
      channels[key] = {
        address,
        messages: refs,
        bindings: { amqp: { is: 'routingKey', exchange: { name: exchange, type: exchangeType, durable: true, autoDelete: false, vhost: '/' }, bindingVersion: amqpBinding } },
      };
      return { $ref: `#/channels/${key}` };
    };
    const eventsExchange = names.events(landscape.name);
    for (const [type, schema] of Object.entries(landscape.catalogue.events)) {
      const key = `${eventsExchange}.${type}`;
      const ref = channel(key, eventsExchange, 'topic', type, { [type]: message('event', type, schema) });
      const messageRef = { $ref: `#/channels/${key}/messages/${type}` };
      operations[`${landscape.name}.publish.${type}`] = { action: 'send', channel: ref, messages: [messageRef], summary: `${type} is published on ${eventsExchange}` };
      for (const actor of landscape.actors.filter((a) => Object.hasOwn(a.events ?? {}, type))) {
        operations[`${landscape.name}.${actor.service}.on.${type}`] = { action: 'receive', channel: ref, messages: [messageRef], summary: `${actor.service} handles ${type}` };
      }
    }
    const commandsExchange = names.commands(landscape.name);
    const commandTypes = Object.keys(landscape.catalogue.commands);
    const handled = new Set<string>();
    for (const actor of landscape.actors) {
      const types = commandTypes.filter((type) => Object.hasOwn(actor.commands ?? {}, type));
      if (types.length === 0) continue;
      types.forEach((type) => handled.add(type));
      const key = `${commandsExchange}.${actor.service}`;
      const ref = channel(key, commandsExchange, 'direct', actor.service,
        Object.fromEntries(types.map((type) => [type, message('command', type, landscape.catalogue.commands[type])])));
      for (const type of types) {
        const messageRef = { $ref: `#/channels/${key}/messages/${type}` };
        operations[`${landscape.name}.send.${type}.to.${actor.service}`] = { action: 'send', channel: ref, messages: [messageRef], summary: `${type} is sent to ${actor.service}` };
      }
      operations[`${landscape.name}.${actor.service}.commands`] = { action: 'receive', channel: ref, messages: types.map((type) => ({ $ref: `#/channels/${key}/messages/${type}` })), summary: `${actor.service} handles ${types.join(', ')}` };
    }
    // A command no actor of the landscape handles (e.g. one for a service deployed elsewhere) is still described.
    const unhandled = commandTypes.filter((type) => !handled.has(type));
    if (unhandled.length > 0) {
      const key = `${commandsExchange}.unrouted`;
      channel(key, commandsExchange, 'direct', null, Object.fromEntries(unhandled.map((type) => [type, message('command', type, landscape.catalogue.commands[type])])));
    }
  }
  return {
    asyncapi: '3.0.0',
    info,
    defaultContentType: 'application/json',
    servers: { rabbitmq: { host: 'localhost:5672', protocol: 'amqp', protocolVersion: '0.9.1', description: 'RabbitMQ (AMQP_URL)' } },
    channels,
    operations,
    components: { messages, schemas: { Metadata: metadataSchema } },
  };
}

function messageObject(kind: 'command' | 'event', type: string, schema: unknown): Json {
  return {
    name: type,
    title: `${type} (${kind})`,
    contentType: 'application/json',
    correlationId: { location: '$message.payload#/metadata/correlationId' },
    payload: {
      type: 'object',
      required: ['id', 'kind', 'type', 'data', 'metadata'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'UUIDv7; stable across replays' },
        kind: { const: kind },
        type: { const: type },
        data: jsonSchemaOf(schema, 'draft-7'),
        metadata: { $ref: '#/components/schemas/Metadata' },
      },
    },
    bindings: { amqp: { messageType: type, bindingVersion: amqpBinding } },
  };
}

/** Rule 2's metadata; other fields pass through. */
const metadataSchema = {
  type: 'object',
  required: ['correlationId', 'occurredAt', 'source'],
  properties: {
    correlationId: { type: 'string' },
    causationId: { type: 'string' },
    sessionId: { type: 'string' },
    requestId: { type: 'string' },
    deadline: { type: 'string', format: 'date-time' },
    partitionKey: { type: 'string' },
    occurredAt: { type: 'string', format: 'date-time' },
    source: { type: 'string' },
  },
};
