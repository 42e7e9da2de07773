/**
 * The one door to Kysely's private internals (package.json pins kysely exactly for them).
 * The fast path: `persistence/pipelined-transaction.ts` runs a handler's transaction with
 * its statements pipelined on one postgres.js connection, which needs a Kysely
 * `Transaction` built from its (undocumented) constructor props.
 *
 * At start-up a probe builds such a transaction over a recording connection and runs one
 * query through it; if the query does not arrive there (a Kysely whose `Transaction` needs
 * more than its executor), transactions are Kysely's own `db.transaction().execute(…)`, with
 * one warning `FAST-002`. `fastPaths: false` gives Kysely's own transactions too.
 */
import { sql as raw, Transaction, type CompiledQuery, type DatabaseConnection, type Kysely, type QueryResult } from 'kysely';
import type postgres from 'postgres';
import type { Logger } from '../logging/logger.ts';
import { awaitingDeferred, pipelinedTransaction, transactionOn, type TransactionBody } from '../persistence/pipelined-transaction.ts';

export const kyselyFallbackCode = 'FAST-002';

/** Runs `body` in one transaction and commits when it (and what it deferred) resolved. */
export type TransactionRunner = <T>(body: TransactionBody<T>) => Promise<T>;

/**
 * What the pipelined transaction relies on, tried on `db`: empty when a query issued on a
 * transaction built by `transactionOn` reaches the connection it was built on and comes back
 * with that connection's rows. `transaction` is the class to build (a test passes a changed one).
 */
export async function kyselyShapeProblems(db: Kysely<any>, transaction: typeof Transaction = Transaction): Promise<string[]> {
  const received: CompiledQuery[] = [];
  const probe: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      received.push(query);
      return { rows: [{ probe: 1 }] as R[] };
    },
    streamQuery() {
      throw new Error('not used by the probe');
    },
  };
  try {
    if (typeof db.getExecutor?.().withConnectionProvider !== 'function') return ['db.getExecutor().withConnectionProvider is not a function'];
    const trx = transactionOn(db, probe, transaction);
    const rows = await trx.selectNoFrom(raw<number>`1`.as('probe')).execute();
    if (received.length !== 1) return [`the probe query reached the connection ${received.length} times, not once`];
    if ((rows[0] as { probe?: unknown } | undefined)?.probe !== 1) return ['the probe query did not answer the connection\'s rows'];
    return [];
  } catch (error) {
    return [`a Transaction built from executor props failed: ${(error as Error).message}`];
  }
}

/**
 * How `database.ts` runs transactions: pipelined when enabled and the probe passes, else
 * Kysely's own.
 */
export async function kyselyTransactions(sql: postgres.Sql, db: Kysely<any>, enabled: boolean, logger: Logger | undefined): Promise<TransactionRunner> {
  const publicTransactions: TransactionRunner = (body) => db.transaction().execute((trx) => awaitingDeferred(trx, body));
  if (!enabled) return publicTransactions;
  const problems = await kyselyShapeProblems(db);
  if (problems.length === 0) return (body) => pipelinedTransaction(sql, db, body);
  logger?.warn({ code: kyselyFallbackCode, problems },
    'Kysely\'s Transaction is not shaped as the pipelined transaction expects (another Kysely version?); using Kysely\'s own transactions');
  return publicTransactions;
}
