-- Subscriptions (spec): billed one contract year at a time; a run past the end extends a
-- subscription (auto_extend) or makes it EXPIRED.
alter table contracts add column contract_type text not null default 'ONE_OFF' check (contract_type in ('ONE_OFF', 'SUBSCRIPTION'));
alter table contracts add column auto_extend boolean not null default false;
alter table contracts drop constraint contracts_state_check;
alter table contracts add constraint contracts_state_check check (state in ('RUNNING', 'TERMINATED', 'EXPIRED'));
create index contracts_subscriptions_to_renew on contracts (end_day) where contract_type = 'SUBSCRIPTION' and state = 'RUNNING';
