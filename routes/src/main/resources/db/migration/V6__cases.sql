-- Transfer cases (issue 3): one per conversation, on each side, with its role, person, peer and state, and the
-- timeline of its messages. A case changes only in the transaction that stores the message that changes it.
create table exn_case (
    case_id           varchar(64)   not null primary key,   -- the conversation id
    role              varchar(16)   not null,   -- TRANSFER_IN, TRANSFER_OUT
    state             varchar(24)   not null,   -- see CaseState
    peer_node         varchar(9)    not null,
    person_id_number  varchar(18)   not null,   -- masked in every view and log
    person_name       varchar(50)   not null,
    letter_number     varchar(40),
    info_total        numeric(17, 2),   -- ⑥ of the information form
    fund_amount       numeric(17, 2),   -- amount of the fund transfer notice
    amount_mismatch   boolean       not null default false,
    opened_at         timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    closed_at         timestamp with time zone
);
create index exn_case_person on exn_case (person_id_number, peer_node, state);
create index exn_case_state on exn_case (state, peer_node, opened_at);

create table exn_case_event (
    case_id       varchar(64)   not null references exn_case (case_id),
    at            timestamp with time zone not null,
    message_id    varchar(36)   not null,
    message_type  varchar(32)   not null,
    direction     varchar(8)    not null,
    state_after   varchar(24)   not null
);
create index exn_case_event_case on exn_case_event (case_id, at);
