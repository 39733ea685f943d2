-- Every signed message this node sent or received, with the exact wire bytes (what signatures and receipts cover).
create table exn_message (
    message_id          varchar(36)   not null primary key,
    direction           varchar(8)    not null,   -- OUTBOUND, INBOUND
    message_type        varchar(32)   not null,   -- header Type: ContactLetter, Receipt, Error, ...
    conversation_id     varchar(64)   not null,
    ref_to_message_id   varchar(100),
    from_node           varchar(9)    not null,
    to_node             varchar(9)    not null,
    peer_node           varchar(9)    not null,
    status              varchar(16)   not null,   -- see MessageStatus
    created_at          timestamp with time zone not null,   -- header CreatedAt: the signing time
    stored_at           timestamp with time zone not null,
    sent_at             timestamp with time zone,
    delivered_at        timestamp with time zone,
    updated_at          timestamp with time zone not null,
    signature_algorithm varchar(32)   not null,
    content_digest      varchar(64)   not null,   -- base64 SM3 of the exclusive canonical form
    content             bytea         not null,
    deliveries          integer       not null default 1,   -- inbound: times received (duplicates add one)
    receipts_sent       integer       not null default 0,
    receipt_message_id  varchar(36),
    error_code          varchar(64),
    error_reason        varchar(2000)
);
create index exn_message_direction_status on exn_message (direction, status);
create index exn_message_ref on exn_message (ref_to_message_id);

-- Messages waiting to be put on the broker. A row is written in the same transaction as its message and deleted
-- once the broker has taken the message, so a crash in between only causes a resend with the same id.
create table exn_outbox (
    message_id      varchar(36)   not null primary key references exn_message (message_id),
    destination     varchar(200)  not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(2000),
    created_at      timestamp with time zone not null
);
create index exn_outbox_due on exn_outbox (next_attempt_at);

-- Inbound documents that failed a permanent check. They never reach the stored messages or the local system.
create table exn_quarantine (
    quarantine_id    varchar(36)   not null primary key,
    message_id       varchar(100),
    claimed_sender   varchar(32),
    message_type     varchar(32),
    error_code       varchar(64)   not null,
    reason           varchar(2000) not null,
    received_at      timestamp with time zone not null,
    error_message_id varchar(36),
    content          bytea         not null
);
create index exn_quarantine_message on exn_quarantine (message_id);
