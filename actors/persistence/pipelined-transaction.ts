import { AbortedTransactionError, CompiledQuery, Transaction, type DatabaseConnection, type Kysely, type QueryResult } from 'kysely';
import type postgres from 'postgres';
import { beginTransaction, type TransactionConnection } from './transaction-connection.ts';

/**
 * The transaction's second argument: `defer` takes a statement the body issued and does not
 * await (its last, e.g. the outbox insert). The commit goes out right behind it instead of a
 * round trip later; if it fails, the transaction rolls back and its error is the one thrown.
 */
export interface Deferral {
  defer(statement: Promise<unknown>): void;
}

/** A body of `Database.transaction`: its statements on `trx`, and the ones it need not await given to `deferral`. */
export type TransactionBody<T> = (trx: Transaction<any>, deferral: Deferral) => Promise<T>;

/**
 * A transaction on Kysely's own path: the deferred statements are awaited before the commit
 * (Kysely's commit does not tell a transaction that Postgres rolled back).
 */
export async function awaitingDeferred<T>(trx: Transaction<any>, body: TransactionBody<T>): Promise<T> {
  const deferred: Promise<unknown>[] = [];
  const result = await body(trx, { defer: (statement) => { deferred.push(statement); } });
  await Promise.all(deferred);
  return result;
}

/**
 * Runs `body` in one transaction on one connection, with its statements
 * pipelined: `begin` goes out with the body's first statement rather than a round trip
 * ahead of it, and statements the body issues together (`Promise.all`) go out together.
 * Kysely's own transaction serialises its statements (each waits for the previous one's
 * answer), so there every statement costs a round trip. Postgres still runs them one
 * after the other, in the order sent: only the waiting between them goes.
 *
 * Commits when `body` resolves (a statement that failed, even one nobody awaited, makes
 * Postgres answer the commit with ROLLBACK, which throws); rolls back and rethrows when it
 * rejects. The statements given to `defer` go out before the commit, which is sent without
 * waiting for their answers: a round trip less on every handler's and REST controller's
 * transaction, whose last statement is the outbox insert. A deferred statement that failed
 * is the error thrown (the commit then answers ROLLBACK).
 */
export async function pipelinedTransaction<T>(sql: postgres.Sql, db: Kysely<any>, body: TransactionBody<T>): Promise<T> {
  // Claimed as `sql.begin` claims its connection, not reserved: see transaction-connection.ts
  // for what `sql.reserve()` does when Postgres restarts. A connection the driver closed gets
  // no statement, rollback or release, and what waits on it fails with CONNECTION_CLOSED.
  const { connection, begun } = beginTransaction(sql);
  begun.catch(() => {}); // its failure surfaces through the statements behind it, and below
  const deferred: Array<Promise<unknown>> = [];
  const deferral: Deferral = {
    defer(statement) {
      statement.catch(() => {}); // awaited below, after the commit went out
      deferred.push(statement);
    },
  };
  const trx = transactionOn(db, statementsOn(connection));
  let result: T;
  try {
    result = await body(trx, deferral);
    await begun;
  } catch (error) {
    await Promise.allSettled(deferred);
    await connection.end('rollback').catch(() => {});
    throw error;
  }
  // Queued behind the deferred statements (each went to the connection when issued: see
  // statementsOn), so it commits them or, if one failed, answers ROLLBACK.
  const committing = connection.end('commit');
  committing.catch(() => {}); // awaited below, after the deferred ones
  const settled = await Promise.allSettled(deferred);
  const committed = await committing;
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  if (committed?.command === 'ROLLBACK') throw new AbortedTransactionError(); // as Kysely's commit does
  return result;
}

/**
 * A Kysely `Transaction` whose queries all run on `connection`, built from Kysely's private
 * constructor props (only `executor` is used by a Transaction's queries; the rest is what the
 * props must hold). `fast-paths/kysely.ts` checks at start-up that this still holds.
 */
export function transactionOn(db: Kysely<any>, connection: DatabaseConnection, transaction: typeof Transaction = Transaction): Transaction<any> {
  const executor = db.getExecutor().withConnectionProvider({ provideConnection: (consume) => consume(connection) });
  return new transaction<any>({ config: {} as never, driver: {} as never, dialect: {} as never, executor });
}

/** A Kysely connection that hands each statement to the transaction's connection at once, as kysely-postgres-js does. */
export function statementsOn(connection: TransactionConnection): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // `send` hands it to the connection now, in the order issued, rather than when first awaited: a commit sent
      // after the body can then never overtake a statement the body issued and did not await.
      return resultOf<R>(await connection.send(query.sql, query.parameters, extendedProtocol));
    },
    streamQuery() {
      throw new Error('streaming is not supported in a transaction');
    },
  };
}

/** Extended protocol even without parameters, as kysely-postgres-js: one statement per query, prepared once per connection. */
export const extendedProtocol = { prepare: true, simple: false } as postgres.UnsafeQueryOptions;

/** A postgres.js result as Kysely's: its rows, and the affected count of a change. */
export function resultOf<R>(result: postgres.RowList<postgres.Row[]>): QueryResult<R> {
  const { command, count } = result;
  const changes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return { rows: Array.from(result.values()) as R[], ...(changes ? { numAffectedRows: BigInt(count) } : {}) };
}
