/**
 * Runs once before any test file. Integration tests need the real broker and database;
 * failing here with one clear message beats hundreds of connection timeouts later.
 */
import { amqpUrl, databaseUrl, isListening, managementFetch, managementUrl, startMissingServices } from './environment.ts';

const HOW_TO_FIX =
  'Start them locally (see README.md: `rabbitmq-server -detached`, ' +
  '`rabbitmq-plugins enable rabbitmq_management rabbitmq_consistent_hash_exchange`, ' +
  '`pg_ctlcluster <version> main start`), run `docker compose up -d rabbitmq postgres`, ' +
  'or set AMQP_URL / RABBITMQ_MANAGEMENT_URL / DATABASE_URL.';

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function managementProblem(): Promise<string | undefined> {
  const where = `RabbitMQ management API at ${redact(managementUrl())}`;
  let response: Response;
  try {
    response = await managementFetch('/api/overview');
  } catch (error) {
    return `${where} is not reachable (${(error as Error).message}); is the rabbitmq_management plugin enabled?`;
  }
  if (!response.ok) return `${where} answered ${response.status} ${response.statusText}`;
  const overview = (await response.json()) as { exchange_types?: { name: string }[] };
  // Partitioned mailboxes (ordering per key) need this exchange type.
  if (!overview.exchange_types?.some((type) => type.name === 'x-consistent-hash')) {
    return 'RabbitMQ has no x-consistent-hash exchange type; enable the rabbitmq_consistent_hash_exchange plugin';
  }
  return undefined;
}

export default async function setup(): Promise<() => Promise<void>> {
  const { stop, unavailable } = await startMissingServices();
  const problems: string[] = [];
  if (!(await isListening(amqpUrl(), 5672))) problems.push(`RabbitMQ (AMQP) is not reachable at ${redact(amqpUrl())}`);
  else {
    const problem = await managementProblem();
    if (problem) problems.push(problem);
  }
  if (!(await isListening(databaseUrl(), 5432))) problems.push(`Postgres is not reachable at ${redact(databaseUrl())}`);

  if (problems.length > 0) {
    if (unavailable) problems.push(unavailable);
    await stop();
    throw new Error(`Test services are missing:\n  - ${problems.join('\n  - ')}\n${HOW_TO_FIX}`);
  }
  return stop;
}
