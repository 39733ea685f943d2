-- Resending on a missing Receipt. send_count counts broker sends of the message (resends included);
-- receipt_due_at is when, without a Receipt, the message is sent again (or marked FAILED after the last try).
alter table exn_message add column send_count integer default 0 not null;
alter table exn_message add column receipt_due_at timestamp with time zone;
create index exn_message_receipt_due on exn_message (status, receipt_due_at);

-- Every try to deliver an outbound message, for operators: each broker send, each failed send and each Receipt
-- time-out. attempt is the message's send_count at that moment (1 for the first send).
create table exn_send_attempt (
    message_id  varchar(36)   not null references exn_message (message_id),
    attempt     integer       not null,
    outcome     varchar(24)   not null,   -- SENT, BROKER_UNAVAILABLE, RECEIPT_TIMEOUT, FAILED
    at          timestamp with time zone not null,
    detail      varchar(2000)
);
create index exn_send_attempt_message on exn_send_attempt (message_id, at);
