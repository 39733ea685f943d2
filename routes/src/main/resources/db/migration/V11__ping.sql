-- Pings this node sent to peers (issue 6, installer ping): any instance that receives the Pong records it here, so
-- that the instance waiting for it sees it even when another instance consumed it.
create table exn_ping (
    ping_id          varchar(36)   not null primary key,
    peer_node        varchar(9)    not null,
    nonce            varchar(64)   not null,
    sent_at          timestamp with time zone not null,
    pong_at          timestamp with time zone,
    pong_message_id  varchar(36),
    signer_subject   varchar(500),
    signer_serial    varchar(64),
    signer_not_after timestamp with time zone
);
