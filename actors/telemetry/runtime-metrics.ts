import { sql, type Kysely } from 'kysely';
import type { RuntimeTables } from '../persistence/runtime-tables.ts';
import { MetricsRegistry, secondsBuckets, sizeBuckets, type Counter, type Gauge, type Histogram } from './metrics-registry.ts';

/** One mailbox's instruments (every queue of a partitioned mailbox shares them), resolved once. */
export interface MailboxMetrics {
  handled: Counter;
  /** Every failed handling: a business refusal, a technical failure (retried or parked), a failed `prepare`. */
  failed: Counter;
  retried: Counter;
  /** Parked for a reason (`retries-exhausted`, `malformed`, `deadline-expired`, …). */
  parked(reason: string): Counter;
  /** Seconds a batch (one message when unbatched) took from its handler's start to its commit and publish. */
  duration: Histogram;
  batchSize: Histogram;
  inFlight: Gauge;
}

/** What an orchestrator host tells of each step it saved. */
export interface StepTelemetry {
  transition(machine: string, state: unknown): void;
}

/**
 * The runtime's metrics (Prometheus names: `_total` counters, `_seconds` durations), one
 * registry per actor system; the gateway serves `registry.render()` at `/metrics` and may
 * add its own families to the same registry.
 */
export class RuntimeMetrics implements StepTelemetry {
  readonly registry = new MetricsRegistry();
  readonly #handled = this.registry.counter('actors_messages_handled_total', 'Messages handled successfully (acked), per actor.');
  readonly #failed = this.registry.counter('actors_messages_failed_total', 'Handlings that failed (business refusal or technical error), per actor.');
  readonly #retried = this.registry.counter('actors_messages_retried_total', 'Messages sent to a waiting room for another attempt, per actor.');
  readonly #parked = this.registry.counter('actors_messages_parked_total', 'Messages parked (dead letters), per actor and reason.');
  readonly #duration = this.registry.histogram('actors_handler_duration_seconds', 'Time from a batch handler start to its commit and publish (one message when unbatched), per actor.', secondsBuckets);
  readonly #batchSize = this.registry.histogram('actors_batch_size_messages', 'Messages handled per batch (transaction), per actor.', sizeBuckets);
  readonly #inFlight = this.registry.gauge('actors_messages_in_flight', 'Deliveries received and not yet settled, per actor.');
  readonly #transitions = this.registry.counter('actors_orchestrator_transitions_total', 'Orchestrator steps saved, per machine and the state they reached.');
  readonly #mailboxes = new Map<string, MailboxMetrics>();
  readonly #states = new Map<string, Counter>();

  mailbox(actor: string): MailboxMetrics {
    let metrics = this.#mailboxes.get(actor);
    if (!metrics) {
      const labels = { actor };
      const parked = this.#parked;
      metrics = {
        handled: this.#handled.labels(labels),
        failed: this.#failed.labels(labels),
        retried: this.#retried.labels(labels),
        parked: (reason) => parked.labels({ actor, reason }),
        duration: this.#duration.labels(labels),
        batchSize: this.#batchSize.labels(labels),
        inFlight: this.#inFlight.labels(labels),
      };
      this.#mailboxes.set(actor, metrics);
    }
    return metrics;
  }

  transition(machine: string, state: unknown): void {
    const text = stateText(state);
    const key = `${machine}\u0000${text}`;
    let counter = this.#states.get(key);
    if (!counter) this.#states.set(key, counter = this.#transitions.labels({ machine, state: text }));
    counter.inc();
  }

  /** The broker connection, read when scraped. */
  watchBroker(connected: () => boolean): void {
    this.registry.collected('actors_broker_connected', 'Whether the RabbitMQ connection is up (1) or not (0).', 'gauge', () => [[{}, connected() ? 1 : 0]]);
  }

  /** The outbox and the orchestrator instances, counted in the runtime's tables when scraped. */
  watchDatabase(runtimeDb: Kysely<RuntimeTables>): void {
    const outbox = () => runtimeDb.selectFrom('outbox_pending').where('parked_at', 'is', null).select([
      sql<string>`coalesce(sum(coalesce(array_length(ids, 1), 1)), 0)::text`.as('messages'),
      sql<number | null>`extract(epoch from now() - min(created_at))::float8`.as('oldest'),
    ]).executeTakeFirst();
    this.registry.collected('actors_outbox_pending_messages', 'Messages committed to the outbox and not yet confirmed by the broker.', 'gauge',
      async () => [[{}, Number((await outbox())?.messages ?? 0)]]);
    this.registry.collected('actors_outbox_oldest_pending_age_seconds', 'Age of the oldest pending outbox row (a dispatch still publishing renews it every second); 0 when none.', 'gauge',
      async () => [[{}, (await outbox())?.oldest ?? 0]]);
    this.registry.collected('actors_orchestrator_instances', 'Orchestrator instances per machine, state and status.', 'gauge', async () => {
      const rows = await runtimeDb.selectFrom('orchestrator_instances')
        .select(['machine', 'state_value', 'status', sql<string>`count(*)::text`.as('n')])
        .groupBy(['machine', 'state_value', 'status']).execute();
      return rows.map((row) => [{ machine: row.machine, state: stateText(row.state_value), status: row.status }, Number(row.n)]);
    });
  }
}

/** An XState state value as one label: `cooking`, or `eatFirst.paying` for a nested one. */
export function stateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([key, inner]) => {
      const innerText = stateText(inner);
      return innerText ? `${key}.${innerText}` : key;
    }).join(',');
  }
  return '';
}

