import { ForbiddenError, type AuthenticatedUser } from '../../../gateway/auth/index.ts';
import { staffRoles } from '../organisation/organisation-data.ts';
import type { ContractRow } from './contract-tables.ts';
import { holderOf, salesRepOf } from './contract-view.ts';

type Row = Pick<ContractRow, 'relationships' | 'created_by' | 'named_holder'>;

export const isStaff = (user: AuthenticatedUser) => user.roles.some((r) => staffRoles.includes(r));

/**
 * Whose contract it is: the holder partners reported, the partner it was drafted for
 * (known at once, so the holder may read a draft right after it was made for them) and
 * the user who created it. What REST and the stream (`stream-access.ts`) both check.
 */
export function ownersOf(row: Row): { partners: string[]; users: string[] } {
  const partners = [holderOf(row), row.named_holder ?? undefined].filter((p): p is string => p !== undefined);
  return { partners: [...new Set(partners)], users: [row.created_by] };
}

/** Reading or changing a contract: staff serve everyone; a customer only their own (holder, named holder or creator). */
export function assertMayWorkOn(user: AuthenticatedUser, row: Row): void {
  if (isStaff(user)) return;
  const owners = ownersOf(row);
  const own = (user.partnerId !== undefined && owners.partners.includes(user.partnerId)) || owners.users.includes(user.username);
  if (!own) throw new ForbiddenError('this contract belongs to someone else');
}

/** Accepting, terminating, replacing: the holder, or a SALES_REP (spec). */
export function assertMayAccept(user: AuthenticatedUser, row: Row, action = 'accept'): void {
  if (user.roles.includes('SALES_REP')) return;
  if (user.partnerId === undefined || holderOf(row) !== user.partnerId) throw new ForbiddenError(`only the contract holder or a sales rep may ${action} this contract`);
}

/** Approving: only the contract's own sales rep (spec: others 403). */
export function assertMayApprove(user: AuthenticatedUser, row: Row): void {
  const rep = salesRepOf(row);
  const theirs = rep !== undefined && (rep.username === user.username || (user.partnerId !== undefined && rep.partnerId === user.partnerId));
  if (!theirs) throw new ForbiddenError('only the contract\'s sales rep may approve it');
}

/** Which contracts a list may show: a customer only their own partner's. */
export function listablePartner(user: AuthenticatedUser, requested: string | undefined): string | undefined {
  if (isStaff(user)) return requested;
  if (requested !== undefined && requested !== user.partnerId) throw new ForbiddenError('a customer sees only their own contracts');
  if (user.partnerId === undefined) throw new ForbiddenError('this user is not a partner');
  return user.partnerId;
}
