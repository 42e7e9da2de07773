import { Hono, type Context, type Next } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../actors/mod.ts';
import { ForbiddenError, currentUser, secure, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitQuery } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { commandHandlerActor } from '../command-handler/command-handler-actor.ts';
import { toAccount } from '../command-handler/account-store.ts';
import { companyAccount } from '../command-handler/company-account.ts';
import { toJsonMoney } from '../money.ts';
import { latestOf, newestPerAccount } from '../transactions/transaction-queries.ts';
import { transactionsActor } from '../transactions/transactions-actor.ts';
import { roles } from './security.ts';
import { serviceDb } from './service-db.ts';

const readAccount = secure('OPEN_BANK', 'READ_ACCOUNT');

/**
 * Only the account's owner (the `jwt` of its login carries the IBAN) or a bank employee;
 * the company account is public (the home page shows it).
 */
async function ownAccountOnly(c: Context<AuthEnv>, next: Next) {
  const iban = c.req.param('iban');
  if (iban === companyAccount.iban) return next();
  return readAccount(c, async () => {
    const user = currentUser(c);
    // The IBAN claim, not the username: a client may not sign up with someone's IBAN as name.
    if (!user.roles.includes(roles.employee) && user.partnerId !== iban) throw new ForbiddenError('this account belongs to someone else');
    await next();
  });
}

/** `?max=`: how many of an account's newest transactions, 1 to 100 (10 when absent); read as `Number()` reads it. */
const maxMessage = 'an integer from 1 to 100';
const latestQuery = z.object({ max: z.coerce.number({ error: maxMessage }).int({ error: maxMessage, abort: true }).min(1, maxMessage).max(100, maxMessage).default(10) });

export function accountRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .get('/accounts/:iban', ownAccountOnly, async (c) => {
      const iban = c.req.param('iban')!;
      const row = await serviceDb(deps, commandHandlerActor).selectFrom('accounts').selectAll().where('iban', '=', iban).executeTakeFirst();
      if (!row) throw new NotFoundError(`no account ${iban}`);
      const account = toAccount(row);
      return c.json({ iban, balance: toJsonMoney(account.balance), limit: toJsonMoney(account.limit) });
    })
    .get('/accounts/:iban/transactions', ownAccountOnly, validQuery(latestQuery), async (c) => {
      const { max } = c.req.valid('query');
      return c.json(await latestOf(serviceDb(deps, transactionsActor), c.req.param('iban')!, max));
    })
    .get('/transactions/latest', secure('OPEN_BANK', 'READ_LATEST_TRANSACTIONS'), validQuery(limitQuery({ fallback: 100 })), async (c) => {
      return c.json(await newestPerAccount(serviceDb(deps, transactionsActor), c.req.valid('query').limit));
    });
}
