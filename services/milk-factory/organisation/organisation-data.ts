/** A member of staff: a user and a partner (so a relationship can name them as SALES_REP). */
export interface StaffMember {
  username: string;
  partnerId: string;
  firstName: string;
  lastName: string;
  roles: readonly string[];
  unitId: string;
}

export interface OrganisationUnit {
  id: string;
  name: string;
  parentId: string | null;
  /** Postcodes the unit covers (its customers' sales reps come from it). */
  postcodes: readonly string[];
}

export interface Customer {
  username: string;
  partnerId: string;
  firstName: string;
  lastName: string;
  postcode: string;
}

export const headOfficeId = 'HEAD_OFFICE';

/** The organisation of the spec: head office with Finances; Bern (3000); Lausanne (1000, 1007). */
export const units: readonly OrganisationUnit[] = [
  { id: headOfficeId, name: 'Head office', parentId: null, postcodes: [] },
  { id: 'FINANCES', name: 'Finances', parentId: headOfficeId, postcodes: [] },
  { id: 'BERN', name: 'Bern', parentId: headOfficeId, postcodes: ['3000'] },
  { id: 'LAUSANNE', name: 'Lausanne', parentId: headOfficeId, postcodes: ['1000', '1007'] },
];

export const staff: readonly StaffMember[] = [
  { username: 'john.smith', partnerId: '180000001', firstName: 'John', lastName: 'Smith', roles: ['SALES_REP'], unitId: headOfficeId },
  { username: 'jane.smith', partnerId: '180000002', firstName: 'Jane', lastName: 'Smith', roles: ['SALES_REP', 'ORDER_COMPLETION_CONSULTANT'], unitId: 'BERN' },
  { username: 'janet.smith', partnerId: '180000003', firstName: 'Janet', lastName: 'Smith', roles: ['ORDER_COMPLETION_CONSULTANT', 'SUPPLY_CHAIN_SPECIALIST'], unitId: 'LAUSANNE' },
];

/** Customers (role CUSTOMER); each is also a partner with a PRIMARY address at postcode 00184 (Rome). */
export const customers: readonly Customer[] = [
  { username: '180000032', partnerId: '180000032', firstName: 'Augustus', lastName: 'Caesar', postcode: '00184' },
  { username: '180000033', partnerId: '180000033', firstName: 'Tiberius', lastName: 'Caesar', postcode: '00184' },
  { username: '180000034', partnerId: '180000034', firstName: 'Gaius', lastName: 'Caesar', postcode: '00184' },
];

/** Roles of staff: they serve every customer, so "own data only" does not hold them back. */
export const staffRoles: readonly string[] = ['SALES_REP', 'ORDER_COMPLETION_CONSULTANT', 'SUPPLY_CHAIN_SPECIALIST'];
