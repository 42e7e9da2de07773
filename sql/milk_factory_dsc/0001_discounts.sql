-- dsc: the last draft it saw (to recompute when a manual discount is set) and the
-- discounts/surcharges of each contract, every row stamped with the draft's sync timestamp.
create table drafts (
  contract_id text primary key,
  product_id text not null,
  state text not null,
  sync_timestamp text not null,
  draft jsonb not null
);
create table discounts (
  contract_id text not null,
  component_id text not null,
  definition_id text not null,
  value text not null,
  added_manually boolean not null,
  sync_timestamp text not null,
  primary key (contract_id, component_id, definition_id)
);
