import { Hono } from 'hono';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { hashPassword, issueToken, unauthorized, verifyPassword, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { problem, problemResponse } from '../../../gateway/problem.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { commandHandler } from '../command-handler/command-handler-actor.ts';
import { types } from '../messages.ts';
import { roles } from './security.ts';
import { serviceDb } from './service-db.ts';
import { waitFor } from './wait-for.ts';

const login = z.strictObject({
  username: z.string().min(8, 'longer than 7 characters'),
  password: z.string().min(8, 'longer than 7 characters'),
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
 * the same iban and token; a wrong password is a 401 and sends nothing.
 */
export function loginRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>().post('/login', validJson(login), async (c) => {
    const { username, password } = c.req.valid('json');
    const db = serviceDb(deps, commandHandler);
    let client = await findClient(db, username);
    let signedUp = false;
    if (!client) {
      const passwordHash = await hashPassword(password);
      const creationId = crypto.randomUUID();
      client = await deps.system().transaction(commandHandler, deps.flow(c), async (context) => {
        const inserted = await context.db.insertInto('clients').values({ username, password_hash: passwordHash, creation_id: creationId })
          .onConflict((oc) => oc.column('username').doNothing()).returning('username').executeTakeFirst();
        if (inserted) context.send('command-handler', types.confirmAccountCreation, { id: creationId, accountType: 'MANUAL' });
        signedUp = inserted !== undefined;
        return findClient(context.db, username);
      });
      if (!client) throw new Error('the client row vanished');
    }
    // Unless this request just stored the hash: someone else may have signed up this username a moment ago.
    if (!signedUp && !(await verifyPassword(password, client.password_hash))) return unauthorized('incorrect password');

    if (Date.now() - new Date(client.created_at).getTime() > resendAfter && !(await creationOf(db, client.creation_id))) {
      // The creation failed ("generated iban already exists, try again") or was lost: try again, same id.
      await deps.system().transaction(commandHandler, deps.flow(c), async (context) => {
        context.send('command-handler', types.confirmAccountCreation, { id: client.creation_id, accountType: 'MANUAL' });
      });
    }
    const account = await waitFor(() => creationOf(db, client.creation_id), creationWait);
    if (!account) {
      return problemResponse(problem('account-pending', 503, 'Service unavailable', 'the account is still being created; log in again in a moment'), { 'retry-after': '1' });
    }
    const jwt = await issueToken({ username, roles: [roles.client], partnerId: account.iban }, c.get('auth').secret);
    return c.json({ username, iban: account.iban, token: account.token, jwt });
  });
}

function findClient(db: Kysely<any>, username: string): Promise<Client | undefined> {
  return db.selectFrom('clients').select(['password_hash', 'creation_id', 'created_at']).where('username', '=', username).executeTakeFirst();
}

function creationOf(db: Kysely<any>, id: string): Promise<{ iban: string; token: string } | undefined> {
  return db.selectFrom('creation_outcomes').select(['iban', 'token']).where('id', '=', id).executeTakeFirst();
}
