-- Deadlines of transfer cases (issue 3): every step that waits on someone, with its working-day limit and due date.
-- A step starts and ends in the transaction that stores the message moving its case; the deadline sweep marks the
-- alert (DUE_SOON, OVERDUE) of open steps.
create table exn_case_step (
    case_id         varchar(64)   not null references exn_case (case_id),
    step            varchar(32)   not null,   -- see CaseStep
    owner           varchar(16)   not null,   -- THIS_NODE, PEER
    started_at      timestamp with time zone not null,
    limit_days      integer       not null,
    due_on          date,                     -- null while the calendar does not reach it (health shows why)
    status          varchar(8)    not null,   -- OPEN, MET, CLOSED (ended unmet with the case)
    alert           varchar(16)   not null default 'NONE',   -- NONE, DUE_SOON, OVERDUE (kept when the step ends)
    ended_at        timestamp with time zone,
    reminded_alert  varchar(16),              -- the alert a Reminder was last sent to the peer for
    primary key (case_id, step)
);
create index exn_case_step_open on exn_case_step (status, due_on);

-- Jobs that run on one node instance at a time when several share the database: a lease with an expiry.
create table exn_job_lease (
    job         varchar(32)   not null primary key,
    holder      varchar(64),
    expires_at  timestamp with time zone
);
insert into exn_job_lease (job) values ('deadline-sweep');
