import { Hono } from 'hono';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { issueToken, landscapeScope, unauthorized, type AuthEnv } from '../../../gateway/auth/index.ts';
import { clientAddress } from '../../../gateway/client-address.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { readWhenChanged } from '../../../gateway/long-poll.ts';
import { problem, problemResponse } from '../../../gateway/problem.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { commandHandlerActor } from '../command-handler/command-handler-actor.ts';
import type { CommandHandlerTables } from '../command-handler/command-handler-tables.ts';
import { landscape } from '../messages.ts';
import { roles } from './security.ts';
import { serviceDb } from './service-db.ts';

const login = z.strictObject({
  username: z.string().min(8, 'longer than 7 characters').max(100),
  password: z.string().min(8, 'longer than 7 characters').max(1_024),
});

/** How long login waits for the client's account to be created before asking to try again. */
const creationWait = 10_000;
/** A client whose account is still missing after this long: the creation command is sent again (same id, so idempotent). */
const resendAfter = 5_000;

interface Client {
  password_hash: string;
  creation_id: string;
  created_at: Date;
}

/**
 * `POST /login` (spec): the first login creates the client's MANUAL account (the command
 * in the same transaction as the client row); later logins with the right password answer
 * the same iban and token; a wrong password is a 401 and sends nothing. Its `jwt` is
 * open-bank's own (`landscapeScope`): valid here only, so a self-chosen username never
 * acts as a user of another landscape. Rate limited and hashed like the common login
 * (the edge's `LoginLimiter` and `PasswordWork`); the log names no username. Signing up
 * and logging in cost one hash each, so the time taken does not tell a new name from a
 * known one; a wrong password for a known name is the spec's 401.
 */
export function loginRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>().post('/login', validJson(login), async (c) => {
    const { username, password } = c.req.valid('json');
    const { passwords, logins, secret } = c.get('auth');
    const client = clientAddress(c);
    logins.check(landscape, username, client);
    const db = serviceDb(deps, commandHandlerActor);
    let found = await findClient(db, username);
    let signedUp = false;
    if (!found) {
      const passwordHash = await passwords.hash(password);
      const creationId = crypto.randomUUID();
      found = await deps.system().transaction(commandHandlerActor, deps.flow(c), async (context) => {
        const inserted = await context.db.insertInto('clients').values({ username, password_hash: passwordHash, creation_id: creationId })
          .onConflict((oc) => oc.column('username').doNothing()).returning('username').executeTakeFirst();
        if (inserted) context.send('command-handler', 'ConfirmAccountCreation', { id: creationId, accountType: 'MANUAL' });
        signedUp = inserted !== undefined;
        return findClient(context.db, username);
      });
      if (!found) throw new Error('the client row vanished');
    }
    const known: Client = found;
    // Unless this request just stored the hash: someone else may have signed up this username a moment ago.
    if (!signedUp && !(await passwords.verify(password, known.password_hash))) {
      logins.failed(landscape, username, client);
      deps.system().logger.info({ client }, 'open-bank login refused');
      return unauthorized('incorrect password');
    }
    logins.succeeded(landscape, username);
    if (!signedUp && passwords.needsRehash(known.password_hash)) {
      await db.updateTable('clients').set({ password_hash: await passwords.hash(password) }).where('username', '=', username).execute();
    }

    const account = await readWhenChanged(deps, {
      landscape,
      match: (e) => e.data.id === known.creation_id && (e.type === 'AccountCreationConfirmed' || e.type === 'AccountCreationFailed'),
      read: () => creationOf(db, known.creation_id),
      timeoutMs: creationWait,
      signal: c.req.raw.signal,
      onMissing: async () => {
        if (Date.now() - new Date(known.created_at).getTime() <= resendAfter) return;
        // The creation failed ("generated iban already exists, try again") or was lost: try again, same id.
        await deps.system().transaction(commandHandlerActor, deps.flow(c), async (context) => {
          context.send('command-handler', 'ConfirmAccountCreation', { id: known.creation_id, accountType: 'MANUAL' });
        });
      },
    });
    if (!account) {
      return problemResponse(problem('account-pending', 503, 'Service unavailable', 'the account is still being created; log in again in a moment'), { 'retry-after': '1' });
    }
    const jwt = await issueToken({ username, roles: [roles.client], partnerId: account.iban }, secret, { scope: landscapeScope(landscape) });
    return c.json({ username, iban: account.iban, token: account.token, jwt });
  });
}

function findClient(db: Kysely<CommandHandlerTables>, username: string): Promise<Client | undefined> {
  return db.selectFrom('clients').select(['password_hash', 'creation_id', 'created_at']).where('username', '=', username).executeTakeFirst();
}

function creationOf(db: Kysely<CommandHandlerTables>, id: string): Promise<{ iban: string; token: string } | undefined> {
  return db.selectFrom('creation_outcomes').select(['iban', 'token']).where('id', '=', id).executeTakeFirst();
}
