import type { Buffer } from 'node:buffer';
import type { Message, Options } from 'amqplib';
import type { Broker } from '../broker/broker.ts';
import type { Clock } from '../clock/clock.ts';
import { encodeMessage, type EncodedMessage } from '../envelope/codec.ts';
import type { Envelope } from '../envelope/envelope.ts';
import { headers } from '../envelope/headers.ts';
import type { MessageSigner } from '../security/signing.ts';
import { traceRepublish, tracePublish } from '../telemetry/message-spans.ts';
import { activeTracer } from '../telemetry/trace-context.ts';
import { delayRoutingKey } from '../topology/delay-levels.ts';
import { waitingRoomEntry } from '../topology/declare-waiting-rooms.ts';
import type { TopologyNames } from '../topology/names.ts';
import { parkingHeaders, withoutDeathHeaders, type ParkRecord } from './park-record.ts';
import { republishProperties } from './republish-properties.ts';

/** When a delayed message is due: after `delay` ms (real time, already scaled) or at an instant. */
export type Due = { delay: number } | { at: Date | number };

/**
 * Where messages go (rule 3): events to the landscape's topic exchange, commands to the
 * service, delays through the waiting rooms, failures to the parked queue. Every
 * method resolves once the broker confirmed. What it encodes it signs (rule 15); retries
 * and parking copy the original ids and body, so the original signature stays valid.
 */
export class MessageBus {
  constructor(
    private readonly broker: Broker,
    readonly names: TopologyNames,
    private readonly clock: Clock,
    /** Signs what this bus publishes; the mailbox workers verify deliveries with it. */
    readonly signer: MessageSigner,
  ) {}

  publish(landscape: string, event: Envelope): Promise<void> {
    return this.#publish(this.names.events(landscape), event.type, event);
  }

  /** Refused with `UnroutableError` when the service has no mailbox: a command must not vanish. */
  send(landscape: string, service: string, command: Envelope): Promise<void> {
    return this.#publish(this.names.commands(landscape), service, command, true);
  }

  /** An alarm clock: `message` arrives in `queue`, and only there, when due. */
  sendLater(message: Envelope, queue: string, due: Due): Promise<void> {
    const { content, properties } = this.#encode(message);
    delete properties.expiration; // it must not expire while it waits; the deadline is checked on arrival
    properties.headers[headers.returnTo] = queue;
    const frame = { exchange: waitingRoomEntry(this.names), routingKey: delayRoutingKey(this.#delayOf(due)), content, properties };
    const tracer = activeTracer();
    if (!tracer) return this.broker.publish(frame);
    return tracePublish(tracer, message, { ...frame, operation: 'schedule' }, properties.headers, () => this.broker.publish(frame));
  }

  /** Sends a delivery back to `queue` after `delay` ms for its next attempt; the body is untouched. */
  retryLater(raw: Message, queue: string, delay: number, attempt: number): Promise<void> {
    const properties = copyProperties(raw, {
      [headers.attempt]: attempt,
      [headers.returnTo]: queue,
      [headers.originalExchange]: originalOf(raw, 'exchange'),
      [headers.originalRoutingKey]: originalOf(raw, 'routingKey'),
    });
    const frame = { exchange: waitingRoomEntry(this.names), routingKey: delayRoutingKey(delay), content: raw.content, properties };
    const tracer = activeTracer();
    if (!tracer) return this.broker.publish(frame);
    return traceRepublish(tracer, 'retry', raw.properties.headers, republished(raw, { 'message.attempt': attempt, 'message.retry_delay_ms': delay }), () => this.broker.publish(frame));
  }

  /**
   * Moves a delivery to the parked queue with its error, for a person to inspect.
   * Mandatory: if the parked queue is gone the publish fails and the delivery is
   * requeued rather than acked into nowhere.
   */
  park(raw: Message, parkedQueue: string, record: ParkRecord): Promise<void> {
    const frame = { exchange: '', routingKey: parkedQueue, content: raw.content, properties: copyProperties(raw, parkingHeaders(record)), mandatory: true };
    const tracer = activeTracer();
    if (!tracer) return this.broker.publish(frame);
    return traceRepublish(tracer, 'park', raw.properties.headers, republished(raw, { 'message.park_reason': record.reason, 'messaging.destination.name': parkedQueue }), () => this.broker.publish(frame));
  }

  /**
   * Publishes a stored message (a dead letter being retried) into `queue` by name, through
   * the default exchange. Mandatory, as `park`: if the queue is gone the publish fails
   * (`UnroutableError`) rather than the message vanishing.
   */
  redeliver(queue: string, content: Buffer, properties: Options.Publish): Promise<void> {
    return this.broker.publish({ exchange: '', routingKey: queue, content, properties, mandatory: true });
  }

  /**
   * As `redeliver`, for a queue that may no longer exist (a partition of an earlier layout):
   * through the waiting rooms' delivery exchange, which leads every name a mailbox's queues
   * ever had to its entry. Mandatory: a name nothing leads to fails (`UnroutableError`).
   */
  redeliverToMailboxOf(queue: string, content: Buffer, properties: Options.Publish): Promise<void> {
    const withAddress = { ...properties, headers: { ...properties.headers, [headers.returnTo]: queue } };
    return this.broker.publish({ exchange: this.names.delayDelivery(), routingKey: '', content, properties: withAddress, mandatory: true });
  }

  /** Whether the broker connection is up now (a publish made while it is not waits for it). */
  get connected(): boolean {
    return this.broker.connected;
  }

  #publish(exchange: string, routingKey: string, message: Envelope, mandatory = false): Promise<void> {
    const { content, properties } = this.#encode(message);
    const frame = { exchange, routingKey, content, properties, mandatory };
    // Above the broker, so the fast publish path (fast-paths/amqplib.ts) is traced like the public one.
    const tracer = activeTracer();
    if (!tracer) return this.broker.publish(frame);
    return tracePublish(tracer, message, frame, properties.headers, () => this.broker.publish(frame));
  }

  #encode(message: Envelope): EncodedMessage {
    const encoded = encodeMessage(message, this.clock.now());
    encoded.properties.headers[headers.signature] = this.signer.sign(encoded.content, encoded.properties);
    return encoded;
  }

  #delayOf(due: Due): number {
    if ('delay' in due) return due.delay;
    return new Date(due.at).getTime() - this.clock.now();
  }
}

/** The span attributes of a delivery published again (retried, parked). */
function republished(raw: Message, extra: Record<string, string | number>): Record<string, string | number> {
  const attributes: Record<string, string | number> = { ...extra };
  if (typeof raw.properties.messageId === 'string') attributes['messaging.message.id'] = raw.properties.messageId;
  if (typeof raw.properties.type === 'string') attributes['message.type'] = raw.properties.type;
  return attributes;
}

/** Where the message was first published, even after a trip through the waiting rooms. */
export function originalOf(raw: Message, field: 'exchange' | 'routingKey'): string {
  const key = field === 'exchange' ? headers.originalExchange : headers.originalRoutingKey;
  const recorded = raw.properties.headers?.[key];
  return typeof recorded === 'string' ? recorded : raw.fields[field];
}

/**
 * A delivery's properties, re-publishable: no expiration, no dead-letter history. The ids
 * and `x-signature` are copied unchanged, so the copy verifies exactly as the original did.
 */
function copyProperties(raw: Message, extraHeaders: Record<string, unknown>): Options.Publish {
  return republishProperties(raw.properties, { ...withoutDeathHeaders(raw.properties.headers), ...extraHeaders });
}
