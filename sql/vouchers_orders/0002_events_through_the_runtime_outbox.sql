-- The order events now leave through the runtime's outbox on the orders actor's
-- `publishRetry` schedule (services/vouchers/orders/orders-actor.ts), which keeps their
-- attempts, errors and parking itself. The service's own publication log is no longer
-- written or read; it is kept under another name, not dropped, so events that were still
-- pending or parked in it when this migration ran stay readable for a person.
alter table event_publications rename to event_publications_before_0002;
