import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { anyOf } from '../../../actors/mod.ts';

/** Compiles only: the statement text and parameters a query would send. */
const db = new Kysely<{ accounts: { iban: string; id: string } }>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

describe('anyOf, a condition on a list', () => {
  it('is one statement text for any length of the list (prepared once, not once per batch size)', () => {
    const query = (ibans: string[]) => db.selectFrom('accounts').select('iban').where(anyOf('iban', ibans)).compile();
    const one = query(['A']);
    const three = query(['A', 'B', 'C']);
    expect(three.sql).toBe(one.sql);
    expect(one.sql).toBe('select "iban" from "accounts" where "iban" = any($1::text[])');
    expect(three.parameters).toEqual([['A', 'B', 'C']]);
  });

  it('casts to the column\'s type', () => {
    expect(db.selectFrom('accounts').select('id').where(anyOf('id', ['x'], 'uuid')).compile().sql).toContain('"id" = any($1::uuid[])');
  });
});
