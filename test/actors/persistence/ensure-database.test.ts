import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDatabaseExists } from '../../../actors/mod.ts';
import { databaseUrl } from '../../support/environment.ts';

// Services of one deployment start at once on a fresh Postgres, each creating the database
// if missing: all of them must start, whichever create wins.
const names = Array.from({ length: 5 }, (_, i) => `t_ensure_db_${process.pid}_${i}`);
const admin = postgres(Object.assign(new URL(databaseUrl()), { pathname: '/postgres' }).toString(), { max: 1, onnotice: () => {} });
afterAll(async () => {
  for (const name of names) await admin.unsafe(`drop database if exists "${name}"`);
  await admin.end();
});

describe('ensureDatabaseExists', () => {
  it('lets several processes create the same missing database at once', async () => {
    for (const name of names) {
      const url = Object.assign(new URL(databaseUrl()), { pathname: `/${name}` }).toString();
      await Promise.all(Array.from({ length: 6 }, () => ensureDatabaseExists(url)));
      const [row] = await admin`select count(*)::int as n from pg_database where datname = ${name}`;
      expect(row!.n).toBe(1);
    }
  });
});
