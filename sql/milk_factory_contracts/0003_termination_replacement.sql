-- Termination and replacement (spec "… termination and replacement").
-- TERMINATED: ended early (`POST /contracts/<id>/terminate`, or replaced). EXPIRED is named
-- too (subscriptions end so), so either branch's migration leaves the other's state valid.
alter table contracts drop constraint if exists contracts_state_check;
alter table contracts add constraint contracts_state_check
  check (state in ('DRAFT', 'OFFERED', 'ACCEPTED', 'AWAITING_APPROVAL', 'RUNNING', 'TERMINATED', 'EXPIRED'));
alter table contracts add column terminated_at text, add column terminated_by text;
-- A replacement draft names the contract it replaces; the replaced contract names the
-- replacement in progress (at most one: a second `POST …/replace` is 409), cleared when the
-- draft is deleted or the replacement ends.
alter table contracts add column replaces text, add column replacement_id text;
-- The last day billing has billed (a local copy kept from `BillCreated`): a termination
-- before it is refused (409), also where no REST read of billing is at hand (a command).
alter table contracts add column billed_to text;
