import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';

// amqplib's own encoder is the reference; its internals are not in its package exports.
const require = createRequire(import.meta.url);
const amqplibLib = `${require.resolve('amqplib').replace(/[\\/][^\\/]*$/, '')}/lib/`;
const { Connection } = require(`${amqplibLib}connection.js`);
const defs = require(`${amqplibLib}defs.js`);

/** amqplib's `Args.publish`: the one object of method fields and properties its channel hands on. */
export const amqplibArgs: { publish(exchange: string, routingKey: string, options: Record<string, unknown>): Record<string, unknown> } = require(`${amqplibLib}api_args.js`);

/** The bytes amqplib itself writes for these publish fields on channel 3 (what a real channel calls). */
export function amqplibFramesOf(fields: Record<string, unknown>, content: Buffer, frameMax: number): Buffer {
  const written: Buffer[] = [];
  const connection = { frameMax, channels: { 3: { buffer: { write: (b: Buffer) => written.push(b) } } } };
  Connection.prototype.sendMessage.call(connection, 3, defs.BasicPublish, fields, defs.BasicProperties, fields, content);
  return Buffer.concat(written);
}
