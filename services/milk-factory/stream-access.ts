import type { Envelope } from '../../actors/mod.ts';
import type { LandscapeDeps, Readers, StreamAccess } from '../../gateway/landscape.ts';
import { billReaders } from './billing/billing-security.ts';
import { ContractOwners } from './contract-owners.ts';
import { staffRoles } from './organisation/organisation-data.ts';
import { contractIdsOf } from './stream-filters.ts';

/** Read by every user, as over REST: the security model, the index values (`GET /indexes/MILK_INDEX`). */
const publicTypes = new Set(['SecurityModelPublished', 'IndexChanged']);
/** Billing runs are operations data: `GET /billing/jobs` is ADMIN's only. */
const operationsTypes = new Set(['BillingJobChanged', 'BillingGroupChanged']);
/** Bills are read by their contract's holder, SALES_REP and ADMIN (`GET /bills`), not by all staff. */
const billTypes = new Set(['BillCreated']);

/**
 * Who reads which milk-factory event on the stream: what they may read over REST.
 * Staff serve every customer and read everything; every user reads the published
 * security model (`GET /security/model`); a customer reads the events about their own
 * contracts (holder, the partner it was drafted for, or its creator: `ownersOf`), their
 * own partner record and relationships, and cases whose tasks name them. An event about
 * nothing a customer owns (billing runs, another customer) is for staff only.
 * A new service adds its events here: name the contract (`contractId`) or the partner
 * (`partnerId`) they are about, and they follow these rules.
 */
export function milkFactoryStreamAccess(owners = new ContractOwners()): StreamAccess<LandscapeDeps> {
  return {
    async readers(event: Envelope, deps: LandscapeDeps): Promise<Readers> {
      if (publicTypes.has(event.type)) return { everyone: true };
      if (operationsTypes.has(event.type)) return {};
      // A job's completion is told to the one who started it (the customer who accepted, an admin).
      if (event.type === 'BillingJobCompleted') {
        const by = event.metadata.requestedBy;
        return typeof by === 'string' ? { users: [by] } : {};
      }
      const data = event.data as Record<string, any>;
      const partners: string[] = [];
      const users: string[] = [];
      for (const contractId of contractIdsOf(event)) {
        if (event.type === 'PartnerRelationshipChanged') owners.forget(contractId); // its holder may have changed
        const own = await owners.of(deps, contractId);
        partners.push(...own.partners);
        users.push(...own.users);
      }
      for (const partnerId of [data.partnerId, data.partner?.id]) if (typeof partnerId === 'string') partners.push(partnerId);
      if (Array.isArray(data.tasks)) for (const task of data.tasks) if (typeof task?.userId === 'string') users.push(task.userId);
      return { roles: billTypes.has(event.type) ? billReaders : staffRoles, partners, users };
    },
  };
}
