-- partners: people and companies with their addresses, and their relationships to contracts.
create table partners (
  id text primary key,
  first_name text not null,
  last_name text not null,
  type text not null check (type in ('PERSON', 'COMPANY')),
  dob text,
  email text,
  phone text,
  addresses jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create index partners_names on partners (lower(last_name), lower(first_name));

-- A duplicate CreatePartnerRelationship meets the primary key and changes nothing.
create table relationships (
  partner_id text not null references partners (id),
  foreign_id text not null,
  role text not null,
  start_date text,
  end_date text,
  username text,
  created_at timestamptz not null default now(),
  primary key (foreign_id, role, partner_id)
);
create index relationships_partner on relationships (partner_id);

-- The staff and customers of the spec are partners too.
insert into partners (id, first_name, last_name, type, dob, email, phone, addresses) values
  ('180000001', 'John', 'Smith', 'PERSON', '1970-01-01', 'john.smith@milk-factory.ch', '+41 31 000 00 01', '[{"street":"Milchstrasse","houseNumber":"1","postcode":"8000","city":"Zürich","country":"CH","type":"PRIMARY"}]'),
  ('180000002', 'Jane', 'Smith', 'PERSON', '1975-01-01', 'jane.smith@milk-factory.ch', '+41 31 000 00 02', '[{"street":"Bundesgasse","houseNumber":"3","postcode":"3000","city":"Bern","country":"CH","type":"PRIMARY"}]'),
  ('180000003', 'Janet', 'Smith', 'PERSON', '1980-01-01', 'janet.smith@milk-factory.ch', '+41 21 000 00 03', '[{"street":"Rue du Lac","houseNumber":"7","postcode":"1007","city":"Lausanne","country":"CH","type":"PRIMARY"}]'),
  ('180000032', 'Augustus', 'Caesar', 'PERSON', '0063-09-23', 'augustus@roma.it', '+39 06 0000 0032', '[{"street":"Via del Palatino","houseNumber":"1","postcode":"00184","city":"Roma","country":"IT","type":"PRIMARY"}]'),
  ('180000033', 'Tiberius', 'Caesar', 'PERSON', '0042-11-16', 'tiberius@roma.it', '+39 06 0000 0033', '[{"street":"Via del Palatino","houseNumber":"2","postcode":"00184","city":"Roma","country":"IT","type":"PRIMARY"}]'),
  ('180000034', 'Gaius', 'Caesar', 'PERSON', '0012-08-31', 'gaius@roma.it', '+39 06 0000 0034', '[{"street":"Via del Palatino","houseNumber":"3","postcode":"00184","city":"Roma","country":"IT","type":"PRIMARY"}]');
