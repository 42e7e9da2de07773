import { Kysely, Transaction } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createActor, setup, type AnyStateMachine } from 'xstate';
import { AmqplibFastPaths, channelShapeProblems, connectionShapeProblems, publicPublish } from '../../../actors/fast-paths/amqplib.ts';
import { kyselyShapeProblems } from '../../../actors/fast-paths/kysely.ts';
import { probeXstate, xstateShapeProblems } from '../../../actors/fast-paths/xstate.ts';
import { publishOnChannel } from '../../../actors/broker/publish-on-channel.ts';
import { runStep, type StepResult } from '../../../actors/orchestrator/run-step.ts';
import { captureLogger } from '../../support/capture-logger.ts';

/** The private shape of an amqplib 2.3 connection the fast paths rely on (what `connectionShapeProblems` reads). */
function amqplibConnection() {
  return {
    stream: { cork() {}, uncork() {}, write: (..._args: unknown[]) => true },
    frameMax: 131_072,
    sentSinceLastCheck: false,
    channels: [undefined, { buffer: { write: () => true } }],
    sendMessage(_channel: number, _method: number, _fields: unknown, _propertiesClass: number, _properties: unknown, _content: unknown) { return true; },
  };
}

function amqplibChannel() {
  return {
    sendMessage(_fields: unknown, _properties: unknown, _content: unknown) { return true; },
    pushConfirmCallback(_callback: unknown) {},
    publish: () => true,
  };
}

describe('the amqplib self-check', () => {
  it('passes amqplib\'s shapes and names each change', () => {
    expect(connectionShapeProblems(amqplibConnection())).toEqual([]);
    expect(channelShapeProblems(amqplibChannel())).toEqual([]);

    const renamed = { ...amqplibConnection(), stream: undefined, socket: amqplibConnection().stream };
    expect(connectionShapeProblems(renamed)).toContain('connection.stream.cork is not a function');
    const reshaped = { ...amqplibConnection(), sendMessage(_channel: number, _fields: unknown, _content: unknown) { return true; } };
    expect(connectionShapeProblems(reshaped)).toEqual(['connection.sendMessage takes 3 arguments, not 6']);
    const { pushConfirmCallback: _gone, ...withoutConfirms } = amqplibChannel();
    expect(channelShapeProblems(withoutConfirms)).toEqual(['channel.pushConfirmCallback is not a function']);
  });

  it('leaves a changed connection unpatched and publishes through channel.publish, with one FAST-001', () => {
    const { logger, lines } = captureLogger();
    const fast = new AmqplibFastPaths(true, logger);
    const changed = { ...amqplibConnection(), frameMax: '131072' };
    const write = changed.stream.write;
    const sendMessage = changed.sendMessage;
    fast.onConnection(changed);
    expect(changed.stream.write).toBe(write);
    expect(changed.sendMessage).toBe(sendMessage);
    const { pushConfirmCallback: _gone, ...changedChannel } = amqplibChannel();
    expect(fast.publisherFor(changedChannel as never)).toBe(publicPublish);
    expect(lines.filter((line) => line.code === 'FAST-001')).toHaveLength(1);
  });

  it('patches amqplib\'s shapes when enabled, and nothing when switched off', () => {
    const { logger, lines } = captureLogger();
    const on = amqplibConnection();
    const write = on.stream.write;
    new AmqplibFastPaths(true, logger).onConnection(on);
    expect(on.stream.write).not.toBe(write);
    expect(new AmqplibFastPaths(true, logger).publisherFor(amqplibChannel() as never)).toBe(publishOnChannel);

    const off = amqplibConnection();
    const offWrite = off.stream.write;
    const offSend = off.sendMessage;
    const disabled = new AmqplibFastPaths(false, logger);
    disabled.onConnection(off);
    expect(off.stream.write).toBe(offWrite);
    expect(off.sendMessage).toBe(offSend);
    expect(disabled.publisherFor(amqplibChannel() as never)).toBe(publicPublish);
    expect(lines).toEqual([]);
  });
});

describe('the Kysely self-check', () => {
  // No query reaches Postgres: the probe runs on a recording connection. The pool is never opened.
  const db = new Kysely<any>({ dialect: new PostgresJSDialect({ postgres: postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 }) }) });

  it('passes Kysely\'s Transaction', async () => {
    expect(await kyselyShapeProblems(db)).toEqual([]);
  });

  it('names a Transaction that no longer runs its queries on the executor it was given', async () => {
    /** As if a new Kysely's Transaction took its executor from elsewhere in its props. */
    class ChangedTransaction extends Transaction<any> {
      constructor(props: ConstructorParameters<typeof Transaction<any>>[0]) {
        super({ ...props, executor: (props.driver as { executor?: never }).executor! });
      }
    }
    const problems = await kyselyShapeProblems(db, ChangedTransaction as unknown as typeof Transaction);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/failed|reached the connection/);
  });
});

describe('the XState self-check', () => {
  it('passes XState\'s scheduler', () => {
    expect(probeXstate()).toEqual([]);
  });

  it('names a system whose scheduler or scheduled events changed', () => {
    const machine = setup({}).createMachine({ initial: 'a', states: { a: { after: { 5: 'b' } }, b: {} } });
    const actor = createActor(machine, { clock: { setTimeout: () => 0, clearTimeout: () => {} } });
    actor.start();
    expect(xstateShapeProblems(actor)).toEqual([]);
    const system = actor.system as unknown as Record<string, unknown>;
    expect(xstateShapeProblems({ system: { ...system, scheduler: undefined, getSnapshot: (system.getSnapshot as Function).bind(system) } }))
      .toEqual(['system.scheduler.schedule is not a function']);
    expect(xstateShapeProblems({ system: { scheduler: system.scheduler, getSnapshot: () => ({ scheduledEvents: {} }) } }))
      .toEqual(['system.getSnapshot()._scheduledEvents is not an object']);
    expect(xstateShapeProblems({ system: { scheduler: system.scheduler, getSnapshot: () => ({ _scheduledEvents: { x: { id: 'x', delayMs: 5 } } }) } }))
      .toEqual(['an entry of _scheduledEvents is not { id, event: { type }, delay }']);
    actor.stop();
  });
});

describe('an orchestrator step, through the scheduler and through inspection', () => {
  const machine = setup({}).createMachine({
    id: 'steps@1',
    initial: 'waiting',
    context: { tries: 0 },
    states: {
      waiting: {
        after: { 1_000: { target: 'waiting', reenter: true } },
        on: { Go: 'running' },
      },
      running: { after: { 500: 'waiting', 2_000: 'done' }, on: { Stop: 'done' } },
      done: { type: 'final' },
    },
  }) as AnyStateMachine;

  /** The same sequence of steps, each fed the timers the previous one left, with one way of watching timers. */
  function steps(fastPath: boolean, events: string[]): Array<Pick<StepResult, 'stateValue' | 'status'> & { added: unknown; pending: string[] }> {
    let snapshot: unknown;
    let timers: StepResult['timers']['pending'] = {};
    let token = 0;
    return events.map((type) => {
      const result = runStep({ machine, snapshot, timers, event: { type }, now: 0, scaledDelay: (d) => d, newToken: () => `t${++token}`, fastPath });
      snapshot = result.snapshot;
      timers = result.timers.pending;
      return { stateValue: result.stateValue, status: result.status, added: result.timers.added, pending: Object.keys(timers).sort() };
    });
  }

  it('keeps, cancels, re-arms and drops the same timers either way', () => {
    const events = ['start', 'Go', 'xstate.after.500.steps@1.running', 'xstate.after.1000.steps@1.waiting', 'Go', 'Stop'];
    const fast = steps(true, events);
    expect(steps(false, events)).toEqual(fast);
    expect(fast.map((step) => step.pending)).toEqual([
      ['xstate.after.1000.steps@1.waiting'],
      ['xstate.after.2000.steps@1.running', 'xstate.after.500.steps@1.running'],
      ['xstate.after.1000.steps@1.waiting'],
      ['xstate.after.1000.steps@1.waiting'],
      ['xstate.after.2000.steps@1.running', 'xstate.after.500.steps@1.running'],
      [],
    ]);
    expect(fast.at(-1)!.status).toBe('done');
  });
});
