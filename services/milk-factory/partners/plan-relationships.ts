import { BusinessError } from '../../../actors/mod.ts';
import { chooseSalesRep } from '../organisation/choose-sales-rep.ts';
import type { Address } from './partner-tables.ts';

/** The partner has no PRIMARY address: no relationship can be made (its name is the `Error`'s errorClass). */
export class PartnerHasNoPrimaryAddress extends BusinessError {}
export class PartnerNotFound extends BusinessError {}

export interface PlannedRelationship {
  partnerId: string;
  foreignId: string;
  role: string;
  start: string | null;
  end: string | null;
  username: string | null;
}

/**
 * The relationships a `CreatePartnerRelationship` makes: the asked one, plus a SALES_REP
 * (chosen by the partner's primary postcode) when `alsoCreate` names it. A partner without
 * a PRIMARY address fails with `PartnerHasNoPrimaryAddress`, so nothing is stored.
 */
export function planRelationships(
  partner: { id: string; addresses: readonly Address[] } | undefined,
  command: { partnerId: string; foreignId: string; role: string; start?: string | undefined; end?: string | undefined; alsoCreate?: readonly string[] | undefined },
): PlannedRelationship[] {
  if (!partner) throw new PartnerNotFound(`no partner ${command.partnerId}`);
  const primary = partner.addresses.find((a) => a.type === 'PRIMARY');
  if (!primary) throw new PartnerHasNoPrimaryAddress(`partner ${partner.id} has no PRIMARY address`);
  const period = { foreignId: command.foreignId, start: command.start ?? null, end: command.end ?? null };
  const planned: PlannedRelationship[] = [{ partnerId: partner.id, role: command.role, username: null, ...period }];
  if (command.alsoCreate?.includes('SALES_REP')) {
    const rep = chooseSalesRep(primary.postcode);
    planned.push({ partnerId: rep.partnerId, role: 'SALES_REP', username: rep.username, ...period });
  }
  return planned;
}
