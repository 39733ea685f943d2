-- Four-eyes approval of bulk replays (issue 15): a replay of more messages (or dead letters) than
-- node.operations.four-eyes-threshold is stored as a request of one operator and executed only when another approves
-- it. The ids are resolved when the request is made (a by-filter replay replays what the requester saw) and kept one
-- row each, in order, with what the replay did to each once executed.
create table exn_replay_request (
    request_id       varchar(36)   not null primary key,
    kind             varchar(16)   not null,   -- MESSAGES, DEAD_LETTERS
    item_count       integer       not null,
    reason           varchar(500)  not null,
    requested_by     varchar(100)  not null,
    requested_at     timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    status           varchar(16)   not null,   -- PENDING, EXECUTING, EXECUTED, REJECTED, EXPIRED
    decided_by       varchar(100),
    decided_at       timestamp with time zone,
    decision_reason  varchar(500),
    result_matched   integer                   -- the executed replay's count of ids matched; null before
);
create index exn_replay_request_time on exn_replay_request (requested_at);
create index exn_replay_request_status on exn_replay_request (status, requested_at);

create table exn_replay_request_item (
    request_id  varchar(36)   not null,
    position    integer       not null,
    item_id     varchar(200)  not null,
    outcome     varchar(16),                -- REPLAYED, SKIPPED once executed
    why         varchar(300),
    primary key (request_id, position)
);
