import { assign, enqueueActions, setup } from 'xstate';
import type { Envelope } from '../../../../actors/mod.ts';
import { milkFactory } from '../../landscape.ts';
import type { BillingGroupChanged, StartBillingJob } from '../billing-messages.ts';
import { groupService, type JobState } from '../billing-names.ts';
import { applyGroupChange, isJobComplete, jobCounters, plannedProgress, sameCounters, type GroupsProgress, type JobCounters } from './job-progress.ts';

export interface JobContext {
  jobId: string;
  date: string;
  /** The session that started the job: `BillingJobCompleted` goes there, whoever retried a group. */
  sessionId: string | null;
  contracts: number;
  startedAt: string;
  completedAt: string | null;
  groups: GroupsProgress;
  counters: JobCounters;
}

export interface JobInput {
  start: StartBillingJob;
  sessionId: string | null;
  startedAt: string;
}

type MessageEvent<Type extends string, Data> = { type: Type; data: Data; message: Envelope };
export type JobEvent = MessageEvent<'StartBillingJob', StartBillingJob> | MessageEvent<'BillingGroupChanged', BillingGroupChanged>;
type Args = { context: JobContext; event: JobEvent };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runtime's emit actions, fitted to this machine
type Emit = any;

const jobChanged = (state: JobState, counters: JobCounters, jobId: string) => milkFactory.publishEvent('BillingJobChanged', () => ({ jobId, state, counters: { ...counters } })) as Emit;

/**
 * One billing job (spec): starts its groups, follows their `BillingGroupChanged` and is
 * COMPLETED when every group that was not split is: `BillingJobCompleted {jobId, contracts,
 * bills}` to the session that started it. `BillingJobChanged` tells the board whenever the
 * counters move. It keeps counts per group only, never their contracts.
 */
export const jobMachine = setup({
  types: { context: {} as JobContext, events: {} as JobEvent, input: {} as JobInput },
  guards: { complete: ({ context }: Args) => isJobComplete(context.contracts, context.groups) },
  actions: {
    startGroups: enqueueActions(({ event, enqueue }: { event: JobEvent; enqueue: Emit }) => {
      if (event.type !== 'StartBillingJob') return;
      const { jobId, date } = event.data;
      for (const group of event.data.groups) enqueue(milkFactory.sendCommand(groupService, 'StartBillingGroup', () => ({ ...group, jobId, date })));
    }) as Emit,
    announceStart: enqueueActions(({ context, enqueue }: { context: JobContext; enqueue: Emit }) => {
      if (!isJobComplete(context.contracts, context.groups)) enqueue(jobChanged('RUNNING', context.counters, context.jobId));
    }) as Emit,
    followGroup: enqueueActions(({ context, event, enqueue }: { context: JobContext; event: JobEvent; enqueue: Emit }) => {
      if (event.type !== 'BillingGroupChanged') return;
      const groups = applyGroupChange(context.groups, event.data);
      if (groups === context.groups) return; // a late or repeated change
      const counters = jobCounters(context.contracts, groups);
      enqueue.assign({ groups, counters });
      if (!sameCounters(counters, context.counters) && !isJobComplete(context.contracts, groups)) enqueue(jobChanged('RUNNING', counters, context.jobId));
    }) as Emit,
    complete: enqueueActions(({ context, enqueue }: { context: JobContext; enqueue: Emit }) => {
      enqueue(jobChanged('COMPLETED', context.counters, context.jobId));
      const { jobId, contracts, counters: { bills } } = context;
      // To the starting session; with none, to none (the message being handled may be a retrier's).
      const to = context.sessionId ? { sessionId: context.sessionId } : { metadata: { sessionId: undefined } };
      enqueue(milkFactory.publishEvent('BillingJobCompleted', () => ({ jobId, contracts, bills }), () => to));
    }) as Emit,
  },
}).createMachine({
  id: 'billing-job@1',
  initial: 'idle',
  context: ({ input }) => {
    const groups = plannedProgress(input.start.groups);
    return {
      jobId: input.start.jobId, date: input.start.date, sessionId: input.sessionId, contracts: input.start.contracts,
      startedAt: input.startedAt, completedAt: null, groups, counters: jobCounters(input.start.contracts, groups),
    };
  },
  states: {
    idle: { on: { StartBillingJob: { target: 'RUNNING', actions: 'startGroups' } } },
    RUNNING: {
      entry: 'announceStart',
      always: { guard: 'complete', target: 'COMPLETED' },
      on: { BillingGroupChanged: { actions: 'followGroup' } },
    },
    COMPLETED: {
      type: 'final',
      entry: [assign({ completedAt: ({ event }: Args) => event.message.metadata.occurredAt }), 'complete'],
    },
  },
});
