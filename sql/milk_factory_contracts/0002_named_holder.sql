-- The partner a draft was made for (POST /drafts {partnerId}, PUT /drafts/<id>/partner),
-- stored with the draft: that partner may read it at once, before partners has reported
-- the CONTRACT_HOLDER relationship back (no stale 403 window).
alter table contracts add column named_holder text;
create index contracts_named_holder on contracts (named_holder) where named_holder is not null;
