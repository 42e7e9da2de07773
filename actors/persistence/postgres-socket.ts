import net from 'node:net';
import type postgres from 'postgres';

/**
 * The sockets of a postgres.js 3.4.9 pool (its `socket` option), so that a query sent on a
 * connection whose socket just failed is rejected rather than forgotten.
 *
 * Why: on a socket error (ECONNRESET when Postgres restarts) the driver rejects what is in
 * flight at once (connection.js `error`), but Node emits `close` only once the handle closed, a
 * phase of the event loop later; until then the connection is still among the pool's and
 * still held by its transaction, so a query handed to it in between (a rollback, the next
 * message's statement) joins its `sent` queue. `closed(hadError = true)` then rejects nothing
 * (`!hadError && (query || sent.length) && error(…)`), and that query never settles: a batch
 * waiting on it held its messages for ever (seen in the restart test: a rollback sent in that
 * window, its message never handled). Here the `close` of a socket that was connected reports
 * no error, so `closed` rejects everything still queued with CONNECTION_CLOSED; a connection
 * attempt that failed keeps its error (the driver's backoff counts those).
 *
 * Only for a plain TCP pool: the driver connects TLS and Unix sockets itself.
 */
export function rejectOrphansOnClose(sql: postgres.Sql): void {
  const options = sql.options as postgres.ParsedOptions & { ssl?: unknown; path?: unknown; socket?: unknown };
  if (options.ssl || options.path) return;
  options.socket = ({ host, port }: { host: string[]; port: number[] }) => {
    const socket = new net.Socket();
    let established = false;
    socket.once('connect', () => { established = true; });
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) =>
      event === 'close' && established ? emit('close', false) : emit(event, ...args)) as typeof socket.emit;
    // The driver writes its start-up message at once; the socket holds it until connected.
    socket.connect(port[0]!, host[0]!);
    Object.assign(socket, { host: host[0], port: port[0] }); // as the driver's own sockets, for its error messages
    return socket;
  };
}
