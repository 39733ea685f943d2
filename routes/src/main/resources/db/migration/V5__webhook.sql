-- Notifications of the local business system (issue 4): one row per received business message, written in the same
-- transaction as the message, so a received form is never stored without its notification.
create table exn_webhook (
    message_id       varchar(36)   not null primary key references exn_message (message_id),
    status           varchar(16)   not null,   -- PENDING, DELIVERED, FAILED
    attempts         integer       not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(2000),
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone,
    updated_at       timestamp with time zone not null
);
create index exn_webhook_due on exn_webhook (status, next_attempt_at);
