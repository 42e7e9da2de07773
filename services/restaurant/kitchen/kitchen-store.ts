import { sql, type Generated, type Kysely } from 'kysely';
import { cookNames, type CookName } from './cooks.ts';
import type { CookLoad } from './dispatch-strategy.ts';
import { isHeld } from './holds.ts';

export interface KitchenTables {
  cooks: { name: string; paused: boolean; cooked: number; most_held: number };
  assignments: { message_id: string; order_id: string; cook: string; expires: Date; assigned_at: Generated<Date>; done_at: Date | null };
  dispatcher: { id: number; dispatched: string; dropped: string; duplicated: string };
}

export type KitchenDb = Kysely<KitchenTables>;

export interface CookRow extends CookLoad {
  cooked: number;
  mostHeld: number;
}

/**
 * Every cook with the orders it holds now (`holds.ts`), fastest first. `grace(cook)` is
 * how long after an order's expiry the cook may still be busy with it (its scaled cook time).
 */
export async function cookLoads(db: KitchenDb, now: Date, grace: (cook: CookName) => number): Promise<CookRow[]> {
  const longest = Math.max(...cookNames.map(grace));
  const [cookRows, open] = await Promise.all([
    db.selectFrom('cooks').select(['name', 'paused', 'cooked', 'most_held']).execute(),
    db.selectFrom('assignments').select(['cook', 'expires']).where('done_at', 'is', null)
      .where('expires', '>', new Date(now.getTime() - longest)).execute(),
  ]);
  const byName = new Map(cookRows.map((row) => [row.name, row]));
  return cookNames.flatMap((name) => {
    const row = byName.get(name);
    if (!row) return [];
    const holding = open.filter((a) => a.cook === name && isHeld(a.expires.getTime(), now.getTime(), grace(name))).length;
    return [{ name, paused: row.paused, holding, cooked: row.cooked, mostHeld: row.most_held }];
  });
}

/** Locks the dispatcher's row for the transaction (one decision at a time) and reads its counters. */
export async function lockDispatcher(db: KitchenDb): Promise<{ dispatched: number }> {
  const row = await db.selectFrom('dispatcher').select('dispatched').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  return { dispatched: Number(row.dispatched) };
}

export async function recordAssignment(db: KitchenDb, assignment: { messageId: string; orderId: string; cook: CookName; expires: string; holding: number }): Promise<void> {
  await db.insertInto('assignments').values({
    message_id: assignment.messageId, order_id: assignment.orderId, cook: assignment.cook, expires: new Date(assignment.expires), done_at: null,
  }).execute();
  await db.updateTable('cooks').set((eb) => ({ most_held: sql`greatest(${eb.ref('most_held')}, ${assignment.holding})` }))
    .where('name', '=', assignment.cook).execute();
}

export async function countDispatch(db: KitchenDb, counts: { dispatched: number; dropped: number; duplicated: number }): Promise<void> {
  await db.updateTable('dispatcher').set((eb) => ({
    dispatched: sql`${eb.ref('dispatched')} + ${counts.dispatched}`,
    dropped: sql`${eb.ref('dropped')} + ${counts.dropped}`,
    duplicated: sql`${eb.ref('duplicated')} + ${counts.duplicated}`,
  })).where('id', '=', 1).execute();
}

/** The cook's OrderCooked answers the CookFood that caused it: that order is no longer held. */
export async function completeAssignment(db: KitchenDb, cookFoodId: string, at: Date): Promise<void> {
  const done = await db.updateTable('assignments').set({ done_at: at })
    .where('message_id', '=', cookFoodId).where('done_at', 'is', null).returning('cook').executeTakeFirst();
  if (done) await db.updateTable('cooks').set((eb) => ({ cooked: sql`${eb.ref('cooked')} + 1` })).where('name', '=', done.cook).execute();
}

/** How long an assignment is kept after its order expired (for `GET /cooks` and questions). */
export const assignmentRetention = 3_600_000;

/** Deletes assignments an hour past their order's expiry: no cook holds them any more. */
export async function forgetOldAssignments(db: KitchenDb, now: Date): Promise<void> {
  await db.deleteFrom('assignments').where('expires', '<', new Date(now.getTime() - assignmentRetention)).execute();
}

export async function setPaused(db: KitchenDb, cook: CookName, paused: boolean): Promise<void> {
  await db.updateTable('cooks').set({ paused }).where('name', '=', cook).execute();
}

export async function dispatcherCounts(db: KitchenDb): Promise<{ dispatched: number; dropped: number; duplicated: number }> {
  const row = await db.selectFrom('dispatcher').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { dispatched: Number(row.dispatched), dropped: Number(row.dropped), duplicated: Number(row.duplicated) };
}
