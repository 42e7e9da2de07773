import type { Generated, Selectable } from 'kysely';

export interface Address {
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  country: string;
  type: 'PRIMARY' | 'SECONDARY';
}

export interface PartnerRow {
  id: string;
  first_name: string;
  last_name: string;
  type: 'PERSON' | 'COMPANY';
  dob: string | null;
  email: string | null;
  phone: string | null;
  addresses: Address[];
  created_at: Generated<Date>;
}

export interface RelationshipRow {
  partner_id: string;
  foreign_id: string;
  role: string;
  start_date: string | null;
  end_date: string | null;
  username: string | null;
  created_at: Generated<Date>;
}

export interface PartnersTables {
  partners: PartnerRow;
  relationships: RelationshipRow;
}

export function partnerView(row: Selectable<PartnerRow>) {
  return {
    id: row.id, firstName: row.first_name, lastName: row.last_name, type: row.type, dob: row.dob,
    email: row.email, phone: row.phone, addresses: row.addresses,
  };
}

export function relationshipView(row: Selectable<RelationshipRow>) {
  return { partnerId: row.partner_id, foreignId: row.foreign_id, role: row.role, start: row.start_date, end: row.end_date, username: row.username };
}
