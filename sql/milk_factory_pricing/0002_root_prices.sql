-- The root component's row carries the contract's price: billing reads it (ReadPrices).
-- Rows priced before this migration are not marked: such a contract is refused at billing
-- ("pricing holds no price for contract …") until it is priced again.
alter table prices add column root boolean not null default false;
create index prices_root on prices (contract_id) where root;
