import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { readWhenChanged } from '../../../gateway/long-poll.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { commandHandlerActor } from '../command-handler/command-handler-actor.ts';
import { cash } from '../command-handler/company-account.ts';
import { amountBound, landscape } from '../messages.ts';
import { serviceDb } from './service-db.ts';

const transfer = z.strictObject({
  id: z.uuid(),
  token: z.string().max(100),
  amount: z.number().int().positive().lt(amountBound),
  from: z.string().min(1).max(100),
  to: z.string().max(100).refine((to) => to.length > 7 || to === cash, 'longer than 7 characters, or cash'),
  description: z.string().min(1, 'required').max(500),
});

const outcomeTypes: ReadonlySet<string> = new Set(['MoneyTransferConfirmed', 'MoneyTransferFailed']);

/** The longest a client may hold `GET /transfers/<id>?waitMs=` open. */
const maxWaitMs = 30_000;
const waitMessage = `an integer from 0 to ${maxWaitMs}`;
/** `?waitMs=`: how long to wait for the outcome (0, the default: answer at once); read as `Number()` reads it. */
const transferQuery = z.object({ waitMs: z.coerce.number({ error: waitMessage }).int({ error: waitMessage, abort: true }).min(0, waitMessage).max(maxWaitMs, waitMessage).default(0) });

/**
 * `POST /transfers` sends ConfirmMoneyTransfer (202); posting the same id again sends it
 * again and the command handler answers its stored outcome, so money never moves twice.
 * `GET /transfers/<id>` answers pending until the outcome is stored; with `?waitMs=` it
 * waits for the transfer's outcome event (`deps.nextEvent`), reading the table once
 * before and once after, never polling it.
 */
export function transferRoutes(deps: LandscapeDeps) {
  return new Hono()
    .post('/transfers', validJson(transfer), async (c) => {
      const command = c.req.valid('json');
      const sent = await deps.system().transaction(commandHandlerActor, deps.flow(c), async (context) => {
        await context.db.insertInto('transfer_requests').values({ id: command.id }).onConflict((oc) => oc.column('id').doNothing()).execute();
        return context.send('command-handler', 'ConfirmMoneyTransfer', command);
      });
      return c.json({ id: command.id, correlationId: sent.metadata.correlationId }, 202);
    })
    .get('/transfers/:id', validQuery(transferQuery), async (c) => {
      const id = c.req.param('id');
      if (!z.uuid().safeParse(id).success) throw new NotFoundError(`no transfer ${id}`);
      const { waitMs } = c.req.valid('query');
      const db = serviceDb(deps, commandHandlerActor);
      const outcome = () => db.selectFrom('transfer_outcomes').select(['status', 'reason']).where('id', '=', id).executeTakeFirst();
      const found = waitMs === 0 ? await outcome() : await readWhenChanged(deps, {
        landscape, match: (e) => outcomeTypes.has(e.type) && e.data.id === id, read: outcome, timeoutMs: waitMs, signal: c.req.raw.signal,
      });
      if (found) return c.json({ id, status: found.status, ...(found.reason ? { reason: found.reason } : {}) });
      const posted = await db.selectFrom('transfer_requests').select('id').where('id', '=', id).executeTakeFirst();
      if (!posted) throw new NotFoundError(`no transfer ${id}`);
      return c.json({ id, status: 'pending' });
    });
}
