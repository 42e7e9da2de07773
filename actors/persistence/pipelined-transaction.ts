import { AbortedTransactionError, CompiledQuery, Transaction, type DatabaseConnection, type Kysely, type QueryResult } from 'kysely';
import type postgres from 'postgres';

/**
 * Runs `body` in one transaction on one reserved connection, with its statements
 * pipelined: `begin` goes out with the body's first statement rather than a round trip
 * ahead of it, and statements the body issues together (`Promise.all`) go out together.
 * Kysely's own transaction serialises its statements (each waits for the previous one's
 * answer), so there every statement costs a round trip. Postgres still runs them one
 * after the other, in the order sent: only the waiting between them goes.
 *
 * Commits when `body` resolves (a statement that failed, even one nobody awaited, makes
 * Postgres answer the commit with ROLLBACK, which throws); rolls back and rethrows when it
 * rejects.
 */
export async function pipelinedTransaction<T>(sql: postgres.Sql, db: Kysely<any>, body: (trx: Transaction<any>) => Promise<T>): Promise<T> {
  const reserved = await sql.reserve();
  try {
    const begun = reserved.unsafe('begin');
    begun.catch(() => {}); // its failure surfaces through the statements behind it, and below
    const trx = transactionOn(db, pipeliningConnection(reserved));
    let result: T;
    try {
      result = await body(trx);
      await begun;
    } catch (error) {
      await reserved.unsafe('rollback').catch(() => {});
      throw error;
    }
    const committed = await reserved.unsafe('commit');
    if (committed.command === 'ROLLBACK') throw new AbortedTransactionError(); // as Kysely's commit does
    return result;
  } finally {
    reserved.release();
  }
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

/** A Kysely connection that hands each statement to the reserved connection at once, as kysely-postgres-js does. */
function pipeliningConnection(reserved: postgres.ReservedSql): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // Extended protocol even without parameters, as kysely-postgres-js: one statement per query, prepared once per connection.
      const result = await reserved.unsafe(query.sql, [...query.parameters] as never[], { prepare: true, simple: false } as postgres.UnsafeQueryOptions);
      const { command, count } = result;
      const changes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
      return { rows: Array.from(result.values()) as R[], ...(changes ? { numAffectedRows: BigInt(count) } : {}) };
    },
    streamQuery() {
      throw new Error('streaming is not supported in a pipelined transaction');
    },
  };
}
