/**
 * Connection parameters that make postgres.js 3.4.9's start-up message at least 1024 bytes,
 * so the driver writes it at once instead of behind a `setImmediate`.
 *
 * Why: the driver batches small writes (connection.js `write`: under 1024 bytes, a
 * `setImmediate(nextWrite)` armed only while `nextWriteTimer` is null), and when Postgres closes
 * a connection while such a write is pending, `closed()` cancels the immediate without resetting
 * `nextWriteTimer` or the unsent `chunk`. From then on no small write on that connection is ever
 * flushed: each reconnection's start-up message stays in the buffer until `connect_timeout`
 * (30 s) fails it, again and again until the buffered attempts pass 1024 bytes: minutes of a
 * connection that takes every query handed to it and answers none in time, after every Postgres
 * restart under load. (LanternOps/breeze#3225 describes the same; no release fixes it.)
 * A start-up message of 1024 bytes or more goes through the driver's direct path, which flushes
 * the stale bytes with it and resets the timer: Postgres refuses that one garbled attempt, and the
 * next one is clean. The padding is a custom setting (`actors.startup_padding`): Postgres accepts
 * any dotted name as a placeholder, and it changes nothing else.
 * Not covered: a TLS connection, whose first write is the 8-byte SSLRequest.
 */
export const startupPadding: Record<string, string> = { 'actors.startup_padding': 'x'.repeat(1024) };
