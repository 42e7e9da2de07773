import { describe, expect, it } from 'vitest';
import { defineActor } from '../actors/mod.ts';
import { readAppConfig } from '../app-config.ts';
import { selectActors } from '../services/mod.ts';

describe('configuration', () => {
  it('has working local defaults', () => {
    expect(readAppConfig({})).toEqual({
      amqpUrl: 'amqp://guest:guest@localhost:5672', databaseUrl: 'postgres://postgres@localhost:5432/milkfactory',
      port: 3000, timeScale: 1, logLevel: 'info', allowForcedErrors: false, services: undefined,
      signingKey: undefined, jwtSecret: undefined, managementUrl: undefined, mailboxPolicyPriority: undefined, chaos: undefined,
    });
  });

  it('reads every variable and refuses nonsense loudly', () => {
    expect(readAppConfig({ PORT: '8080', TIME_SCALE: '0.1', ALLOW_FORCED_ERRORS: 'true', SERVICES: 'vouchers.orders, open-bank' }))
      .toMatchObject({ port: 8080, timeScale: 0.1, allowForcedErrors: true, services: ['vouchers.orders', 'open-bank'] });
    expect(readAppConfig({ MESSAGE_SIGNING_KEY: 'k1', JWT_SECRET: 's1' })).toMatchObject({ signingKey: 'k1', jwtSecret: 's1' });
    expect(() => readAppConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readAppConfig({ TIME_SCALE: '-1' })).toThrow(/TIME_SCALE/);
    expect(readAppConfig({ RABBITMQ_MANAGEMENT_URL: 'http://u:p@rabbit:15672', MAILBOX_POLICY_PRIORITY: '50' }))
      .toMatchObject({ managementUrl: 'http://u:p@rabbit:15672', mailboxPolicyPriority: 50 });
    expect(() => readAppConfig({ MAILBOX_POLICY_PRIORITY: 'high' })).toThrow(/MAILBOX_POLICY_PRIORITY/);
  });

  it('takes delivery chaos only outside production', () => {
    expect(readAppConfig({ ACTORS_CHAOS: 'duplicate:0.1,drop:0.05' }).chaos).toEqual({ duplicate: 0.1, drop: 0.05 });
    expect(() => readAppConfig({ ACTORS_CHAOS: 'duplicate:0.1', NODE_ENV: 'production' })).toThrow(/refused with NODE_ENV=production/);
    expect(() => readAppConfig({ ACTORS_CHAOS: 'drop:2' })).toThrow(/ACTORS_CHAOS/);
  });

  it('selects services by name or whole landscape, and names unknown ones', () => {
    const a = defineActor({ landscape: 'vouchers', service: 'orders' });
    const b = defineActor({ landscape: 'vouchers', service: 'vouchers' });
    const c = defineActor({ landscape: 'open-bank', service: 'accounts' });
    expect(selectActors(undefined, [a, b, c])).toEqual([a, b, c]);
    expect(selectActors(['vouchers.orders', 'open-bank'], [a, b, c])).toEqual([a, c]);
    expect(() => selectActors(['nope.x'], [a])).toThrow(/nope.x/);
  });
});
