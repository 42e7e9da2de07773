import { describe, expect, it } from 'vitest';
import { brokerNodes, NodeCursor } from '../../../actors/broker/broker-nodes.ts';
import { managementUrlFor, vhostOf } from '../../../actors/broker/management-api.ts';
import { redact } from '../../../actors/system/startup-error.ts';

describe('AMQP_URL as a list of nodes', () => {
  it('splits a comma-separated list and refuses what is not an AMQP URL', () => {
    expect(brokerNodes('amqp://a:b@h1:5681/v, amqp://a:b@h2:5682/v')).toEqual(['amqp://a:b@h1:5681/v', 'amqp://a:b@h2:5682/v']);
    expect(brokerNodes('amqp://localhost')).toEqual(['amqp://localhost']);
    expect(() => brokerNodes(' , ')).toThrow(/names no RabbitMQ node/);
    expect(() => brokerNodes('amqp://h1,http://u:secret@h2')).toThrow(/amqp:\/\/ or amqps:\/\/.*http:/);
    expect(() => brokerNodes('amqp://h1,nonsense')).toThrow(/"nonsense" is not a URL/);
  });

  it('moves round the nodes, each attempt reading the current one', () => {
    const cursor = new NodeCursor(['amqp://u:p%40ss@h1:5681/my%2Fvh?heartbeat=5', 'amqp://h2']);
    const target = cursor.target;
    expect([target.protocol, target.hostname, target.port, target.username, target.password, target.vhost, target.heartbeat])
      .toEqual(['amqp', 'h1', 5681, 'u', 'p@ss', 'my%2Fvh', 5]);
    cursor.next();
    expect([target.hostname, target.port, target.username, target.password, target.vhost, target.heartbeat]).toEqual(['h2', 5672, 'guest', 'guest', '', undefined]);
    cursor.next();
    expect(target.hostname).toBe('h1');
  });

  it('derives the vhost, the management APIs and the redacted form from every node', () => {
    expect(vhostOf('amqp://h1:5681/shop,amqp://h2:5682/shop')).toBe('shop');
    expect(managementUrlFor('amqp://u:p@h1:5681,amqp://u:p@h2:5682')).toBe('http://u:p@h1:15672/,http://u:p@h2:15672/');
    expect(managementUrlFor('amqp://h1,amqp://h2', 'http://x:15681,http://x:15682')).toBe('http://x:15681,http://x:15682');
    expect(redact('amqp://u:secret@h1:5681,amqp://u:secret@h2:5682')).toBe('amqp://u:***@h1:5681,amqp://u:***@h2:5682');
  });
});
