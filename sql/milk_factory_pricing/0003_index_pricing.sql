-- Index pricing (spec "Index pricing"): the index values by year, and pricing's copy of each
-- indexed contract (its tree and discounts as last priced, its days and state), so a changed
-- index reprices the RUNNING ones and a bill's price is computed for its own day's year.
create table indexes (
  name text not null,
  year integer not null check (year between 2000 and 2100),
  value numeric(8, 4) not null check (value > 0),
  changed_at text not null,
  changed_by text not null,
  primary key (name, year)
);

create table indexed_contracts (
  contract_id text primary key,
  product_id text not null,
  -- DRAFT until ContractApproved (RUNNING), then TERMINATED on ContractTerminated.
  state text not null default 'DRAFT',
  start_day text,
  end_day text,
  components jsonb,
  discounts jsonb,
  sync_timestamp text
);
create index indexed_contracts_running on indexed_contracts (state) where state = 'RUNNING';
