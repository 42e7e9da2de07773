import type { ColumnType } from 'kysely';

/**
 * A Postgres `bigint` column as this project's postgres.js reads it: a string (no `types`
 * option is set, so int8 is not parsed, and the code reads it with `BigInt(…)` or
 * `Number(…)`). Written as a string (money, `bigint.toString()`) or a number (beats, amounts).
 */
export type Int8 = ColumnType<string, string | number, string | number>;
