import { describe, expect, it } from 'vitest';
import { StartupError, describeStartupFailure, startupCodes } from '../../../actors/mod.ts';
import { amqpStartupProblem } from '../../../actors/system/broker-problems.ts';
import { postgresStartupProblem } from '../../../actors/system/postgres-problems.ts';
import { MigrationError } from '../../../actors/persistence/migrations.ts';

const amqp = 'amqp://app:secret@rabbit.example:5672/shop';
const pg = 'postgres://app:secret@db.example:5432/milkfactory';
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('start-up problems', () => {
  it('keep waiting while RabbitMQ is unreachable, and name what waiting cannot mend', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT']) expect(amqpStartupProblem(coded(code), amqp)).toBeUndefined();
    const login = amqpStartupProblem(new Error('Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."'), amqp);
    expect(login).toMatchObject({ code: 'START-002' });
    expect(login!.message).not.toContain('secret');
    expect(login!.fix).toContain('rabbitmqctl add_user app');
    expect(amqpStartupProblem(new Error('Expected ConnectionOpenOk; got <ConnectionClose channel:0>'), amqp)).toMatchObject({ code: 'START-003', fix: expect.stringContaining('rabbitmqctl add_vhost shop') });
    expect(amqpStartupProblem(new Error('Connection closed: 503 (COMMAND-INVALID) with message "COMMAND_INVALID - unknown exchange type \'x-consistent-hash\'"'), amqp))
      .toMatchObject({ code: 'START-006', fix: expect.stringContaining('rabbitmq-plugins enable rabbitmq_management rabbitmq_consistent_hash_exchange') });
    const conflict = amqpStartupProblem(new Error('Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg \'x-max-length\' for queue \'vouchers.vouchers\' in vhost \'shop\': received none but current is the value \'100000\'"'), amqp);
    expect(conflict).toMatchObject({ code: 'START-007', fix: expect.stringContaining('rabbitmqctl delete_queue -p shop vouchers.vouchers') });
  });

  it('keep waiting while Postgres is unreachable or starting, and name what waiting cannot mend', () => {
    for (const code of ['ECONNREFUSED', '57P03']) expect(postgresStartupProblem(coded(code), pg)).toBeUndefined();
    expect(postgresStartupProblem(coded('28P01', 'password authentication failed for user "app"'), pg)).toMatchObject({ code: 'START-009' });
    expect(postgresStartupProblem(coded('42501', 'permission denied to create database'), pg)).toMatchObject({ code: 'START-009', fix: 'create it for the user: createdb --owner app milkfactory' });
    const migration = postgresStartupProblem(new MigrationError({ schema: 'vouchers_orders', name: '0002_more.sql' }, coded('42601', 'syntax error at or near "tabel"')), pg);
    expect(migration).toMatchObject({ code: 'START-010', message: expect.stringContaining('sql/vouchers_orders/0002_more.sql') });
  });

  it('are described as one line each, whatever was thrown', () => {
    expect(describeStartupFailure(new StartupError('START-006', 'no plugin', 'enable it'))).toEqual({ code: 'START-006', message: 'no plugin', fix: 'enable it' });
    expect(describeStartupFailure(coded('EADDRINUSE'), { port: 3000 })).toMatchObject({ code: 'START-012', message: 'port 3000 is in use by another process' });
    expect(describeStartupFailure(new RangeError('TIME_SCALE must be a positive number, got "fast"'))).toMatchObject({ code: 'START-011' });
    const unexpected = new TypeError('x is not a function');
    expect(describeStartupFailure(unexpected)).toMatchObject({ code: 'START-000', err: unexpected });
    expect(Object.keys(startupCodes)).toHaveLength(17);
  });
});
