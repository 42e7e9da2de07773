create table stock (
  item text primary key,
  available integer not null check (available >= 0)
);
insert into stock (item, available) values ('milk', 10), ('cheese', 0);
