import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TechnicalError } from '../../../actors/errors/errors.ts';
import { openDatabase } from '../../../actors/persistence/database.ts';
import { databaseUrl } from '../../support/environment.ts';
import { within } from '../../bench/pipeline.ts';

describe('closing the database', () => {
  it('lets a running transaction commit, refuses a new one, and ends', async () => {
    const database = await openDatabase({ url: databaseUrl(), max: 2 });
    let started!: () => void;
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    const running = database.transaction(async (trx) => {
      started();
      await sql`select pg_sleep(0.3)`.execute(trx);
      return 'committed';
    });
    await isRunning;
    // postgres.js's own `end` never resolved once a transaction's connection was released
    // while it waited: a process stopping mid-transaction hung for good.
    const closed = database.close();
    await expect(database.transaction(async () => 'late')).rejects.toBeInstanceOf(TechnicalError);
    expect(await running).toBe('committed');
    await within(closed, 4_000, 'close');
  });
});
