import type { Options } from 'amqplib';

/** The properties of a received (or stored) message that a re-publish keeps. */
export interface CopyableProperties {
  messageId?: string | undefined;
  correlationId?: string | undefined;
  type?: string | undefined;
  appId?: string | undefined;
  timestamp?: number | undefined;
  contentType?: string | undefined;
  contentEncoding?: string | undefined;
  priority?: number | undefined;
}

/**
 * Properties to publish a message again (retry, park, dead-letter retry): persistent, the
 * ids unchanged (so its signature still verifies), the given headers, and no expiration.
 */
export function republishProperties(source: CopyableProperties, headers: Record<string, unknown>): Options.Publish {
  const properties: Options.Publish = { headers, persistent: true };
  if (source.messageId !== undefined) properties.messageId = source.messageId;
  if (source.correlationId !== undefined) properties.correlationId = source.correlationId;
  if (source.type !== undefined) properties.type = source.type;
  if (source.appId !== undefined) properties.appId = source.appId;
  if (source.timestamp !== undefined) properties.timestamp = source.timestamp;
  if (source.contentType !== undefined) properties.contentType = source.contentType;
  if (source.contentEncoding !== undefined) properties.contentEncoding = source.contentEncoding;
  if (source.priority !== undefined) properties.priority = source.priority;
  return properties;
}
