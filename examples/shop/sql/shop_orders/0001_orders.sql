create table orders (
  id text primary key,
  item text not null,
  quantity integer not null,
  status text not null
);
