import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../../../actors/mod.ts';
import { ForbiddenError, authenticated, currentUser, secure, type AuthEnv, type AuthenticatedUser } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { validJson } from '../../../../gateway/valid-json.ts';
import { assertMayWorkOn } from '../../contracts/contract-access.ts';
import type { ContractRow, ContractsTables } from '../../contracts/contract-tables.ts';
import { holderOf } from '../../contracts/contract-view.ts';
import { contractsActor } from '../../contracts/contracts-actor.ts';
import { findContract } from '../../contracts/routes/load-contract.ts';
import { primaryAddress } from '../../partners/primary-address.ts';
import { calendarDay } from '../../shared/calendar-day.ts';
import { json, readDb } from '../../shared/state-access.ts';
import { assertSameRequest, checkRequest } from '../request-rules.ts';
import { requisitionIntake } from '../requisition-intake.ts';
import { requisitionService } from '../requisition-names.ts';
import { requisitionView, type RequisitionTables } from '../requisition-tables.ts';

const requisitionBody = z.object({
  requisitionId: z.string().min(1).max(100),
  quantity: z.number().int(),
  deliverBy: calendarDay,
});

/** Acting on a contract (spec): its holder, or a SALES_REP. */
function assertMayOrder(user: AuthenticatedUser, row: ContractRow): void {
  if (user.roles.includes('SALES_REP')) return;
  const holder = holderOf(row) ?? row.named_holder;
  if (user.partnerId === undefined || holder !== user.partnerId) throw new ForbiddenError('only the contract holder or a sales rep may order from this contract');
}

/**
 * `POST /contracts/<id>/requisitions` → 202 `{requisitionId, state: PENDING}` (the same id
 * and body again: the same answer; another body: 409), `GET /contracts/<id>/requisitions`,
 * `GET /requisitions/<id>` (spec). The request is stored and the orchestrator started in
 * one transaction of the intake.
 */
export function requisitionRoutes(deps: LandscapeDeps) {
  const contracts = () => readDb<ContractsTables>(deps, contractsActor);
  const db = () => readDb<RequisitionTables>(deps, requisitionIntake);
  return new Hono<AuthEnv>()
    .post('/contracts/:id/requisitions', secure('REQUISITION', 'ORDER'), validJson(requisitionBody), async (c) => {
      const user = currentUser(c);
      const request = c.req.valid('json');
      const contract = await findContract(contracts(), c.req.param('id'));
      assertMayOrder(user, contract);
      const answer = { requisitionId: request.requisitionId, state: 'PENDING' as const };
      const asked = await db().selectFrom('requisitions').select(['contract_id', 'quantity', sql<string>`deliver_by::text`.as('deliver_by')])
        .where('requisition_id', '=', request.requisitionId).executeTakeFirst();
      if (asked) {
        assertSameRequest({ contractId: asked.contract_id, quantity: asked.quantity, deliverBy: asked.deliver_by }, contract.id, request);
        return c.json(answer, 202);
      }
      const now = deps.system().clock.now();
      checkRequest(contract, request, new Date(now).toISOString().slice(0, 10));
      const holder = holderOf(contract) ?? contract.named_holder;
      const address = holder ? await primaryAddress(deps, holder) : undefined;
      if (!address) throw new ConflictError(`the holder of contract ${contract.id} has no PRIMARY address to deliver to`);
      await deps.system().transaction(requisitionIntake, deps.flow(c), async (context) => {
        const at = new Date(context.clock.now());
        const inserted = await context.db.insertInto('requisitions').values({
          requisition_id: request.requisitionId, contract_id: contract.id, quantity: request.quantity, deliver_by: request.deliverBy,
          address: json(address) as never, state: 'PENDING', delivery_id: null, delivery_date: null, reason: null,
          history: json([{ state: 'PENDING', at: at.toISOString() }]) as never, requested_by: user.username, created_at: at,
        }).onConflict((conflict) => conflict.column('requisition_id').doNothing()).returning('requisition_id').executeTakeFirst();
        if (!inserted) {
          // The same id asked at the same moment: the first one stored decides.
          const first = await context.db.selectFrom('requisitions')
            .select(['contract_id', 'quantity', sql<string>`deliver_by::text`.as('deliver_by')]).where('requisition_id', '=', request.requisitionId).executeTakeFirstOrThrow();
          assertSameRequest({ contractId: first.contract_id, quantity: first.quantity, deliverBy: first.deliver_by }, contract.id, request);
          return;
        }
        context.send(requisitionService, 'StartRequisition', { requisitionId: request.requisitionId, contractId: contract.id, quantity: request.quantity, deliverBy: request.deliverBy, address });
      });
      return c.json(answer, 202);
    })
    .get('/contracts/:id/requisitions', authenticated(), async (c) => {
      const contract = await findContract(contracts(), c.req.param('id'));
      assertMayWorkOn(currentUser(c), contract);
      const rows = await selectRequisitions(db()).where('contract_id', '=', contract.id).orderBy('created_at').orderBy('requisition_id').execute();
      return c.json(rows.map(requisitionView));
    })
    .get('/requisitions/:id', authenticated(), async (c) => {
      const row = await selectRequisitions(db()).where('requisition_id', '=', c.req.param('id')).executeTakeFirst();
      if (!row) throw new NotFoundError(`no requisition ${c.req.param('id')}`);
      assertMayWorkOn(currentUser(c), await findContract(contracts(), row.contract_id));
      return c.json(requisitionView(row));
    });
}

function selectRequisitions(db: Kysely<RequisitionTables>) {
  return db.selectFrom('requisitions').select(['requisition_id', 'contract_id', 'quantity', sql<string>`deliver_by::text`.as('deliver_by'), 'address', 'state',
    'delivery_id', sql<string | null>`delivery_date::text`.as('delivery_date'), 'reason', 'history', 'requested_by', 'created_at']);
}
