-- The read model of balance changes: one row per BalanceChanged, newest first per IBAN.
create table transactions (
  id bigserial primary key,
  message_id uuid not null unique,
  iban text not null,
  changed_by bigint not null,
  new_balance bigint not null,
  from_to text not null,
  description text not null,
  at timestamptz not null
);
create index transactions_by_iban on transactions (iban, id desc);
