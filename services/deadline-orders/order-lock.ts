import { sql, type Kysely } from 'kysely';

/**
 * Serialises, until the transaction ends, every handler of one service working on one
 * order. A row lock cannot do it: the first message about an order (or a compensation that
 * overtook it) finds no row to lock, and two such handlers must not both decide "nothing
 * here yet". `service` keeps the services' locks apart.
 */
export async function lockOrder(db: Kysely<any>, service: string, orderId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${service}:${orderId}`}, 0))`.execute(db);
}
