-- The tamper-evident log (issue 5). Rows are only ever inserted; retention moves the oldest into sealed archive
-- files (exn_audit_archive records each) and deletes them here. The chain is checked by the offline verifier.
create table exn_audit_entry (
    sequence        bigint        not null primary key,
    entry_time      timestamp with time zone not null,
    kind            varchar(32)   not null,
    message_id      varchar(100),
    actor           varchar(100)  not null,
    detail          varchar(2000),
    content_digest  varchar(64),   -- hex SM3 of content
    previous_hash   varchar(64)   not null,
    entry_hash      varchar(64)   not null,
    content         bytea
);
create index exn_audit_entry_time on exn_audit_entry (entry_time);
create index exn_audit_entry_kind on exn_audit_entry (kind, sequence);

-- The chain head: one row, locked (select ... for update) by every append, so that several consumers and several
-- node instances on one database extend one chain without forking it.
create table exn_audit_head (
    id             integer      not null primary key,
    last_sequence  bigint       not null,
    last_hash      varchar(64)  not null
);
insert into exn_audit_head (id, last_sequence, last_hash)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed statements of the chain head (SM2 with the node's key), taken periodically and at shutdown.
create table exn_audit_checkpoint (
    sequence    bigint        not null,
    head_hash   varchar(64)   not null,
    signed_at   timestamp with time zone not null,
    node_id     varchar(9)    not null,
    algorithm   varchar(32)   not null,
    signature   varchar(400)  not null,
    chain       varchar(16000) not null,   -- base64 DER certificates, signer first, comma-separated
    primary key (sequence, signed_at)
);

-- Sealed archive files holding entries moved out of exn_audit_entry. The row for the archiving job's lock is 'archive'.
create table exn_audit_archive (
    file_name       varchar(200)  not null primary key,
    first_sequence  bigint        not null,
    last_sequence   bigint        not null,
    last_hash       varchar(64)   not null,
    file_sm3        varchar(64)   not null,
    sealed_at       timestamp with time zone not null
);
create table exn_audit_lock (
    name  varchar(32) not null primary key
);
insert into exn_audit_lock (name) values ('archive');
