/**
 * Errors the Postgres driver (postgres.js 3.4.x) can leave behind as an unhandled rejection
 * when a connection is cut while it is still starting up: its array-type fetch, the first
 * statement of every new connection, rejects with nobody listening (porsager/postgres
 * #1192, #1223). Seen in the chaos run: `pg_ctlcluster restart` killed two of three app
 * processes that way. The query that needed the connection gets an error of its own and is
 * retried as usual; only the driver's left-over is harmless.
 */
const lostConnection = new Set([
  '57P01', '57P02', '57P03', // terminated by the administrator, crash shutdown, cannot connect now
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE',
]);

/** True for a rejection that is a lost or refused Postgres connection, and nothing else. */
export function isLostPostgresConnection(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const code = (reason as { code?: unknown }).code;
  return typeof code === 'string' && lostConnection.has(code);
}
