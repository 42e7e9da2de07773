import {
  AbortedTransactionError, CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';
import type postgres from 'postgres';
import { extendedProtocol, resultOf } from './pipelined-transaction.ts';
import { beginTransaction, type TransactionConnection } from './transaction-connection.ts';

/**
 * Kysely on a postgres.js pool without reserved connections (replaces kysely-postgres-js,
 * which reserves one with `sql.reserve()` for every query and releases it after).
 *
 * A query outside a transaction goes to the pool like `sql\`…\`` does: a connection the driver
 * closes under it rejects it with CONNECTION_CLOSED and is reconnected by the pool; nobody holds
 * it, so nobody can send to it or release it once closed. With a reservation, a query cut by a
 * Postgres restart was followed by `release()` of the closed connection, which put it among the
 * open ones: the next query on it crashed the process (`nextWrite` on a null socket) or was
 * written ahead of the reconnection's start-up message and never answered (see
 * transaction-connection.ts for that and the reservations that never settle).
 * A transaction (`db.transaction()`) claims its connection as the pipelined transaction does
 * (transaction-connection.ts). `db.connection()` gets no session of its own here: each of its
 * queries may go to another connection (the runtime uses none; a session's state needs a
 * transaction).
 */
export function postgresDialect(sql: postgres.Sql): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PoolDriver(sql),
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

class PoolConnection implements DatabaseConnection {
  /** The transaction's connection while one is open on this Kysely connection. */
  transaction: TransactionConnection | undefined;

  constructor(private readonly sql: postgres.Sql) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = this.transaction
      ? await this.transaction.send(query.sql, query.parameters, extendedProtocol)
      : await this.sql.unsafe(query.sql, [...query.parameters] as never[], extendedProtocol);
    return resultOf<R>(result);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    if (this.transaction) throw new Error('streaming is not supported in a transaction');
    for await (const rows of this.sql.unsafe(query.sql, [...query.parameters] as never[]).cursor(chunkSize)) {
      yield { rows: rows as unknown as R[] };
    }
  }
}

class PoolDriver implements Driver {
  constructor(private readonly sql: postgres.Sql) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PoolConnection(this.sql);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const options = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
    const { connection: transaction, begun } = beginTransaction(this.sql, options.length ? `start transaction ${options.join(' ')}` : 'begin');
    (connection as PoolConnection).transaction = transaction;
    await begun;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const committed = await this.#end(connection, 'commit');
    // Postgres answers COMMIT with ROLLBACK when a statement of the transaction failed.
    if (committed?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection, 'rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoted(name)}`));
  }

  /** Nothing to give back: a transaction's connection returns to the pool when its commit or rollback is answered. */
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const { transaction } = connection as PoolConnection;
    (connection as PoolConnection).transaction = undefined;
    // A transaction Kysely left open (its begin failed, so it sends no rollback): end it so the driver frees the connection.
    if (transaction) await transaction.end('rollback').catch(() => {});
  }

  async destroy(): Promise<void> {
    await this.sql.end();
  }

  async #end(connection: DatabaseConnection, statement: 'commit' | 'rollback') {
    const { transaction } = connection as PoolConnection;
    // Kysely rolls back after a commit that failed: that transaction has ended already.
    if (!transaction) return undefined;
    (connection as PoolConnection).transaction = undefined;
    return transaction.end(statement);
  }
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
