import { sql, type RawBuilder } from 'kysely';

/** The column types `anyOf` compares with. */
export type ListType = 'text' | 'uuid';

/**
 * `column = any($n::<type>[])`: a condition on a list of values with one statement text for
 * any length. `in ($1, …, $n)` is a new statement for every length, and postgres.js sends a
 * statement it has not prepared on that connection as describe-first: a round trip before
 * it runs, and the pipeline behind it held until then (connection.js `describeFirst`); and
 * Postgres parses and plans it anew. A batch's list changes length from batch to batch.
 * `type` is the column's (`uuid` for a uuid column: no operator compares uuid with text).
 */
export function anyOf(column: string, values: readonly string[], type: ListType = 'text'): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${values}::${sql.raw(type)}[])`;
}
