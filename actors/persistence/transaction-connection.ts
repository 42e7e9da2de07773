import type postgres from 'postgres';
import { isLostPostgresConnection } from './driver-leftovers.ts';

/**
 * One transaction's connection, claimed the way postgres.js 3.4's own `sql.begin` claims it
 * (src/index.js `begin`/`onexecute`), never through `sql.reserve()`; and given back by the
 * driver itself once Postgres reports the session idle after the commit or rollback.
 *
 * Why not `sql.reserve()`: a Postgres restart under load showed three defects of it.
 * - When Postgres closes a reserved connection, the driver moves it to its closed ones behind
 *   the holder's back (`onclose`: `c.reserved = null`). A statement sent on it afterwards writes
 *   to a null socket (`nextWrite`: `TypeError: Cannot read properties of null (reading 'write')`,
 *   uncaught: the process dies), and `release()` puts the closed connection among the open ones,
 *   where the next query crashes the same way (or is written before the new start-up message).
 * - A waiting `reserve()` handed to a reconnecting connection as its first query is dropped
 *   after the array-type fetch (connection.js `ReadyForQuery`: `initial.reserve && (initial =
 *   null)`): it never settles, and its caller hangs.
 * - A `reserve()` rejected while Postgres is down (the connection attempt refused) stays in the
 *   pool's wait queue; the next connection to become idle "serves" it (`query.reserve(c)` on a
 *   settled promise) and is lost to the pool until Postgres closes it: each restart shrinks the
 *   pool, and once it is empty every query waits for ever.
 *
 * A `begin` sent through the pool like any query is never dropped, and is refused (not left
 * queued) when the connection attempt fails. When the driver hands it to a connection it calls
 * `onexecute`, where the connection becomes the transaction's: `reserved` set (so the driver
 * neither refuses the BEGIN as UNSAFE_TRANSACTION nor gives the connection to another query)
 * and `onclose` watched, so the moment the driver closes it the transaction knows: nothing
 * more is sent on it, and the statements still queued here (the driver rejects only those it
 * sent) are rejected with the driver's CONNECTION_CLOSED, which the runtime retries.
 */
export interface TransactionConnection {
  /** Sends a statement of the transaction now, in the order issued (pipelined behind the ones before it). */
  send(text: string, parameters?: readonly unknown[], options?: postgres.UnsafeQueryOptions): Promise<postgres.RowList<postgres.Row[]>>;
  /** Sends `commit` or `rollback`, the last statement. A rollback of a lost connection resolves: Postgres rolled it back when the session ended. */
  end(statement: 'commit' | 'rollback'): Promise<postgres.RowList<postgres.Row[]> | undefined>;
  /** Why the connection can take no more statements (closed by the driver, or `begin` failed); undefined while it can. */
  readonly lost: Error | undefined;
}

/** What of a postgres.js 3.4.9 connection object the claim uses (src/connection.js `connection`, src/index.js `onclose`); package.json pins the driver exactly for it. */
interface DriverConnection {
  /** Sends a query; false when the connection takes no more until Postgres answered (its `ReadyForQuery`). */
  execute(query: DriverQuery): boolean | undefined;
  /** Called at `ReadyForQuery` once nothing is in flight, while the session is in a transaction; the driver clears it at idle or close. */
  reserved: (() => void) | null;
  /** Called once when the driver closes the connection. */
  onclose: ((error: Error) => void) | null;
}

/** The driver's own `execute` of a connection the claim guards (see `guard`). */
const driverExecute = Symbol('driverExecute');
/** Queries the pool handed a held connection, sent back to the pool (for a diagnosis: `openTransactions`). */
let deflected = 0;
/** The `reserved` callbacks of this module's transactions. */
const claims = new WeakSet<() => void>();

/**
 * Keeps the pool's queries off a connection while a transaction holds it. The driver's socket
 * `drain` handler (connection.js `drain`: `!query && onopen(connection)`) puts a connection back
 * among the open ones whenever a large write drained while nothing was in flight, reserved or
 * not: after a big batch (an orchestrator's 100 snapshots) the pool then pipelined its own queries
 * into the transaction, between a statement's Describe and its Bind, and the session waited for
 * ever for a Bind the driver never sent (seen after Postgres restarts: a batch stuck for minutes,
 * its session `active` in `ClientRead`). The pool always calls `c.execute(query)`: while a
 * transaction of this module holds the connection, such a query goes back to the pool (its own
 * handler, a connection of its choice) and `false` parks this one until the transaction ends.
 */
function guard(connection: DriverConnection): (query: DriverQuery) => boolean | undefined {
  const guarded = connection as DriverConnection & { [driverExecute]?: DriverConnection['execute'] };
  const existing = guarded[driverExecute];
  if (existing) return existing;
  const execute = connection.execute;
  guarded[driverExecute] = execute;
  connection.execute = (query) => {
    if (!connection.reserved || !claims.has(connection.reserved)) return execute(query);
    deflected += 1;
    queueMicrotask(() => query.handler(query));
    return false;
  };
  return execute;
}

/** A postgres.js 3.4 `Query`: a promise, its `handler` called with it on its first `execute`/`then` (src/query.js `handle`). */
type DriverQuery = postgres.PendingQuery<postgres.Row[]> & { handler: (query: DriverQuery) => void; reject(error: Error): void };

/** What an open transaction is waiting for (for a diagnosis of a stalled process: `openTransactions`). */
export interface TransactionState {
  claimed: boolean;
  lost: string | undefined;
  /** Statements issued and not yet handed to the connection. */
  waiting: number;
  full: boolean;
  /** Whether the driver still holds the connection for this transaction, and tells it of its close. */
  owned: boolean;
  watching: boolean;
  /** The last statement issued, and whether it settled. */
  last: string;
  settled: boolean;
}

const open = new Set<() => TransactionState>();

/** The transactions begun and not yet ended in this process, and how many queries the pool handed a held connection. */
export function openTransactions(): { transactions: TransactionState[]; deflected: number } {
  return { transactions: [...open].map((state) => state()), deflected };
}

/** Starts a transaction: `begin` goes out now through the pool; `begun` settles with its answer. */
export function beginTransaction(sql: postgres.Sql, begin = 'begin'): { connection: TransactionConnection; begun: Promise<unknown> } {
  let claimed: DriverConnection | undefined;
  /** The claimed connection's own `execute`, past the guard. */
  let execute: (query: DriverQuery) => boolean | undefined = () => false;
  let lost: Error | undefined;
  /** Statements waiting for the connection: before it is claimed, or while it takes no more. */
  const waiting: DriverQuery[] = [];
  let full = true;
  let last = begin;
  let settled = false;
  let ended = false;
  const state = () => ({
    claimed: !!claimed, lost: lost?.message, waiting: waiting.length, full,
    owned: claimed?.reserved === flush, watching: claimed?.onclose === onclose,
    last, settled,
  });
  open.add(state);

  const loseWith = (error: Error) => {
    lost ??= error;
    for (const query of waiting.splice(0)) query.reject(lost);
  };
  const onclose = (error: Error) => loseWith(error);
  /** Sends what waits, until the connection says it takes no more. */
  const flush = () => {
    full = false;
    while (!full && waiting.length > 0 && !lost) full = !execute(waiting.shift()!);
  };
  claims.add(flush);
  const dispatch = (query: DriverQuery) => {
    // The driver clears `reserved` when it gives the connection back (idle after the commit or
    // rollback, or a failed begin) or closes it: a statement sent then would run in another's
    // transaction, or write to a closed socket.
    if (claimed && claimed.reserved !== flush) loseWith(Object.assign(new Error('the transaction\'s connection is no longer its own (ended or closed)'), { code: 'CONNECTION_CLOSED' }));
    if (lost) return query.reject(lost);
    if (!claimed || full || waiting.length > 0) return void waiting.push(query);
    full = !execute(query);
  };

  const beginQuery = sql.unsafe(begin, [], {
    onexecute(connection: DriverConnection) {
      claimed = connection;
      execute = guard(connection);
      connection.reserved = flush;
      connection.onclose = onclose;
      // Statements issued meanwhile follow `begin` at once (the driver wrote it just now).
      flush();
      // Also when they could go on: false makes the driver park the connection where no other
      // query is given it (its `full` queue) rather than back among the busy ones.
      return false;
    },
  } as postgres.UnsafeQueryOptions) as unknown as DriverQuery;
  const begun = beginQuery.execute().then((result) => result, (error: Error) => {
    // Refused before any connection was claimed (the connection attempt failed), or begin
    // failed on it (the driver then gave the idle connection back itself): nothing to send.
    loseWith(error);
    // The driver sent `begin` without calling `onexecute` (it does so only when the connection
    // could take more: socket buffer, pipeline length) and refused the BEGIN it saw on an
    // unclaimed connection: that session is now in a transaction among the pool's, so end it.
    const pid = (beginQuery as { state?: { pid?: number } }).state?.pid;
    if (!claimed && (error as { code?: string }).code === 'UNSAFE_TRANSACTION' && pid) {
      sql`select pg_terminate_backend(${pid})`.catch(() => {});
    }
    throw error;
  });

  const send = (text: string, parameters: readonly unknown[] = [], options?: postgres.UnsafeQueryOptions) => {
    // A statement issued after the commit or rollback (a body's straggler) would reach the
    // connection once the driver gave it to the next transaction.
    if (ended) return Promise.reject(new Error(`a statement after the transaction ended: ${text.slice(0, 40)}`));
    const query = sql.unsafe(text, [...parameters] as never[], options) as unknown as DriverQuery;
    // Ours, not the pool's: the query's first `execute` hands it to `dispatch` (after the same
    // microtask as every query), so the statements keep the order they were issued in.
    query.handler = dispatch;
    last = text.slice(0, 80);
    settled = false;
    query.then(() => { settled = true; }, (error: unknown) => {
      settled = true;
      // Told before the body is (first reaction): a socket error rejects what was in flight a
      // loop phase before the driver closes the connection, and a rollback sent in between
      // would go to a dead socket.
      if (isLostPostgresConnection(error)) loseWith(error as Error);
    });
    return query.execute() as unknown as Promise<postgres.RowList<postgres.Row[]>>;
  };

  const connection: TransactionConnection = {
    send,
    async end(statement) {
      if (lost) {
        ended = true;
        forget();
        if (statement === 'rollback') return undefined;
        throw lost;
      }
      const ending = send(statement);
      ended = true;
      try {
        return await ending;
      } finally {
        forget();
      }
    },
    get lost() { return lost; },
  };
  /** The connection is the pool's again (or closed): its close is no longer this transaction's. */
  const forget = () => {
    open.delete(state);
    if (claimed?.onclose === onclose) claimed.onclose = null;
  };
  return { connection, begun };
}
