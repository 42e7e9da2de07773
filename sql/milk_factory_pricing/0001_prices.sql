-- pricing: each component's price (exact decimal text), stamped with the draft's sync timestamp.
create table prices (
  contract_id text not null,
  component_id text not null,
  total numeric(14, 2) not null,
  tax numeric(14, 2) not null,
  sync_timestamp text not null,
  primary key (contract_id, component_id)
);
