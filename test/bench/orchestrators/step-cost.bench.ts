/**
 * `npx tsx test/bench/orchestrators/step-cost.bench.ts`: the CPU of one orchestrator step in
 * memory (no I/O), on the five-step machine of `bench:orchestrators`, two ways: the machine
 * restored from its stored snapshot every step (as after a JSON round trip through
 * Postgres), and the actor kept running between steps (`orchestrator/live-actors.ts`).
 * Single-threaded and without a broker or database, so it holds still on a loaded machine,
 * where the end-to-end benchmark does not.
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import { runStep, type StepResult } from '../../../actors/orchestrator/run-step.ts';
import { envInt } from '../env-int.ts';
import { orchestrated, steps } from './five-steps.ts';

const instances = envInt('STEP_COST_INSTANCES', 2_000);
const rounds = envInt('STEP_COST_ROUNDS', 3);
const definition = orchestrated({ batch: 1, concurrentBatches: 1 }, {})[0] as unknown as { orchestrator: { versions: { machine(version: number): AnyStateMachine; newest: number } } };
const machine = definition.orchestrator.versions.machine(definition.orchestrator.versions.newest);
const events: EventObject[] = [{ type: 'ProcessStarted' }, ...Array.from({ length: steps }, (_, i) => ({ type: `Step${i + 1}Done` }))];
const common = { machine, timers: {}, now: 0, scaledDelay: (d: number) => d, newToken: () => 'token' };

/** Every instance's six steps, instance after instance; microseconds per step. */
function measure(live: boolean): number {
  const started = performance.now();
  for (let i = 0; i < instances; i++) {
    let last: StepResult | undefined;
    for (const event of events) {
      const snapshot = last === undefined ? undefined : JSON.parse(JSON.stringify(last.snapshot)) as unknown;
      last = runStep({ ...common, snapshot, event, keep: live, ...(live && last?.running ? { running: last.running } : {}) });
    }
  }
  return ((performance.now() - started) * 1000) / (instances * events.length);
}

const results = { restored: [] as number[], live: [] as number[] };
for (let r = 0; r < rounds; r++) {
  results.restored.push(measure(false));
  results.live.push(measure(true));
}
const best = (xs: number[]) => Math.min(...xs);
console.log(`µs per step, best of ${rounds} rounds of ${instances} instances × ${events.length} steps: restored ${best(results.restored).toFixed(1)}, live ${best(results.live).toFixed(1)}`);
console.log(JSON.stringify({ restoredMicros: Math.round(best(results.restored)), liveMicros: Math.round(best(results.live)) }));
