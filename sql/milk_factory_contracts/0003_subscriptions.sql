-- Subscriptions (spec "Subscriptions, requisition orders …"): a contract is ONE_OFF or a
-- SUBSCRIPTION whose CardboardBox QUANTITY is the yearly quota of boxes. `quota_claimed`
-- counts the boxes of the current term's reservations (requisitions PENDING or CONFIRMED);
-- `term` counts the extensions, so a reservation of an earlier term, released late, does
-- not give back boxes of the new one (claimed went back to 0 when it was extended).
alter table contracts add column contract_type text not null default 'ONE_OFF' check (contract_type in ('ONE_OFF', 'SUBSCRIPTION'));
alter table contracts add column auto_extend boolean not null default false;
alter table contracts add column quota_claimed integer not null default 0 check (quota_claimed >= 0);
alter table contracts add column term integer not null default 0;

-- The states of the later lifecycle: TERMINATED (termination) and EXPIRED (a subscription not extended).
alter table contracts drop constraint contracts_state_check;
alter table contracts add constraint contracts_state_check
  check (state in ('DRAFT', 'OFFERED', 'ACCEPTED', 'AWAITING_APPROVAL', 'RUNNING', 'TERMINATED', 'EXPIRED'));

-- One decision per requisition, whatever the number of ReserveQuota / ReleaseQuota copies:
-- RESERVED (counted in quota_claimed), EXCEEDED or NOT_RUNNING (nothing reserved: a later
-- copy answers the same), RELEASED (given back; or released before its reservation
-- arrived, so that reservation is never made).
create table quota_reservations (
  requisition_id text primary key,
  contract_id text not null references contracts (id),
  quantity integer not null check (quantity > 0),
  term integer not null,
  state text not null check (state in ('RESERVED', 'EXCEEDED', 'NOT_RUNNING', 'RELEASED')),
  reason text,
  decided_at text not null
);
create index quota_reservations_of_contract on quota_reservations (contract_id);
