import { headOfficeId, staff, units, type StaffMember } from './organisation-data.ts';

/**
 * The SALES_REP for a contract: a sales rep of the organisation unit covering the holder's
 * primary postcode, else one of head office.
 */
export function chooseSalesRep(postcode: string | undefined): StaffMember {
  const unit = units.find((u) => postcode !== undefined && u.postcodes.includes(postcode));
  const repsOf = (unitId: string) => staff.filter((s) => s.unitId === unitId && s.roles.includes('SALES_REP'));
  const rep = (unit ? repsOf(unit.id)[0] : undefined) ?? repsOf(headOfficeId)[0];
  if (!rep) throw new Error('head office has no SALES_REP');
  return rep;
}
