// npx tsx test/bench/bank/trace-click.ts — where one click's time goes at a given load, from
// the runtime's own OpenTelemetry spans (in-memory exporter): the bank in this process, the
// heartbeat at TRACE_LOAD commands/s (default 100), TRACE_CLICKS deposits (default 40) posted
// one at a time by a Node client that reads its account's SSE stream. Printed: each stage's
// p50 and p95, ms from the POST: the REST span, the command's publish (start = the REST
// transaction committed, end = confirmed), its handling (start = the delivery admitted at the
// command handler), BalanceChanged's publish (start = the handler's batch committed), the
// event read from the stream; and after each click one click of the floor's chain (floor/)
// from the same client: the same hops without the runtime, at the same moment.
import { context, trace, SpanKind } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import process from 'node:process';
import { openbankLandscape } from '../../../services/open-bank/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { amqpUrl, databaseUrl } from '../../support/environment.ts';
import { SseClient } from '../../support/sse-client.ts';
import { sleep } from '../../support/wait.ts';
import { startFloorChain } from './floor/floor-chain.ts';
import { latencyStats } from './latency-stats.ts';

const load = Number(process.env.TRACE_LOAD ?? 100);
const clicks = Number(process.env.TRACE_CLICKS ?? 40);

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const edge = await TestEdge.start('trace-bank', [openbankLandscape], { timeScale: 1 });
const ms = (time: [number, number]) => time[0] * 1000 + time[1] / 1e6;
const stages: Record<string, number[]> = {};
const note = (stage: string, value: number | undefined) => { if (value !== undefined) (stages[stage] ??= []).push(Math.round(value * 10) / 10); };
const chain = await startFloorChain({ amqpUrl: amqpUrl(), databaseUrl: databaseUrl(), namespace: edge.namespace });
const floorStream = await SseClient.open(`${chain.url}/stream`);
try {
  const admin = await edge.login('admin');
  const client = await edge.expect<{ iban: string; token: string; jwt: string }>(200, 'POST', '/api/open-bank/login', { body: { username: 'trace.client', password: 'trace-password' } });
  const stream = await edge.stream('open-bank', `?iban=${encodeURIComponent(client.iban)}`, { token: client.jwt });
  await edge.expect(200, 'PUT', '/api/open-bank/heartbeat', { token: admin, body: { batchSize: Math.round(load / 10), intervalMs: 100 } });
  await sleep(3000);
  for (let i = 0; i < clicks + 3; i++) {
    exporter.reset();
    const id = crypto.randomUUID();
    const origin = performance.timeOrigin;
    const started = performance.now();
    const posted = await edge.expect<{ correlationId: string }>(202, 'POST', '/api/open-bank/transfers', {
      token: client.jwt, body: { id, token: client.token, amount: 100, from: 'cash', to: client.iban, description: 'trace' },
    });
    await stream.waitForMessage((m) => m.type === 'BalanceChanged' && m.metadata.correlationId === posted.correlationId, 'the click\'s row', 10_000);
    const arrived = performance.now();
    await sleep(50); // the spans that end at confirms and acks
    const spans = exporter.getFinishedSpans().filter((s) => s.attributes['messaging.message.conversation_id'] === posted.correlationId);
    const at = (s: ReadableSpan | undefined, end = false) => (s ? ms(end ? s.endTime : s.startTime) - origin - started : undefined);
    const find = (kind: SpanKind, name: string) => spans.find((s) => s.kind === kind && s.name === name);
    if (i < 3) continue; // warm-up
    note('rest span start', at(spans.find((s) => s.kind === SpanKind.SERVER)));
    note('rest span end', at(spans.find((s) => s.kind === SpanKind.SERVER), true));
    note('command publish start (REST committed)', at(find(SpanKind.PRODUCER, 'publish ConfirmMoneyTransfer')));
    note('command publish confirmed', at(find(SpanKind.PRODUCER, 'publish ConfirmMoneyTransfer'), true));
    note('command admitted at handler', at(find(SpanKind.CONSUMER, 'handle ConfirmMoneyTransfer')));
    note('event publish start (handler committed)', at(find(SpanKind.PRODUCER, 'publish BalanceChanged')));
    note('event publish confirmed', at(find(SpanKind.PRODUCER, 'publish BalanceChanged'), true));
    note('command acked (handler span end)', at(find(SpanKind.CONSUMER, 'handle ConfirmMoneyTransfer'), true));
    note('event read from the stream', arrived - started);
    await sleep(Math.random() * 50 + 50);
    // The floor's chain right after, from the same client: the same hops without the runtime.
    const floorId = crypto.randomUUID();
    const floorStarted = performance.now();
    await fetch(`${chain.url}/click?id=${floorId}`, { method: 'POST' }).then((r) => r.arrayBuffer());
    await floorStream.waitFor((frame) => frame.data?.includes(floorId) ?? false, 'the floor\'s event', 10_000);
    note('FLOOR: event read from the stream', performance.now() - floorStarted);
    await sleep(Math.random() * 50 + 50);
  }
  await edge.expect(200, 'PUT', '/api/open-bank/heartbeat', { token: admin, body: { batchSize: 0, intervalMs: 100 } });
} finally {
  await floorStream.close();
  await chain.close();
  await edge.cleanup();
  await provider.shutdown();
}
console.log(`load ${load}/s, ${clicks} clicks: ms from the POST, p50 / p95`);
for (const [stage, values] of Object.entries(stages).sort((a, b) => latencyStats(a[1]).p50 - latencyStats(b[1]).p50)) {
  const s = latencyStats(values);
  console.log(`${stage.padEnd(45)} ${String(s.p50).padStart(7)} ${String(s.p95).padStart(7)}  (n ${s.count})`);
}
process.exit(0);
