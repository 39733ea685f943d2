-- How often the broker refused an outbox row's message itself (not the connection): its waits grow with it, and at
-- node.relay.max-refusals the message is FAILED with BROKER_REFUSED and leaves the outbox. attempts keeps counting
-- deferrals for an unreachable broker, of which only the first is recorded as a send attempt.
alter table exn_outbox add column refusals integer default 0 not null;
