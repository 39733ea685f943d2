-- Several instances of one node share this database (issue 13). A row of work (an outbox row, a local-system
-- notification) is claimed by one instance before it acts on it: claimed_by names the instance (for operators),
-- claim_token fences the claim (every status update names it, so an instance whose claim expired and was taken over
-- cannot overwrite what the new holder wrote), claimed_until lets another instance take the row over once the holder
-- died. An unclaimed row has all three null.
alter table exn_outbox add column claimed_by varchar(64);
alter table exn_outbox add column claim_token varchar(36);
alter table exn_outbox add column claimed_until timestamp with time zone;
alter table exn_webhook add column claimed_by varchar(64);
alter table exn_webhook add column claim_token varchar(36);
alter table exn_webhook add column claimed_until timestamp with time zone;

-- A Reminder sent about a step at an alert level, written in the transaction that stores and queues the Reminder:
-- the primary key makes a second Reminder for the same step and level (two sweeps overlapping) fail as a whole.
create table exn_reminder (
    case_id     varchar(64)   not null,
    step        varchar(32)   not null,
    alert       varchar(16)   not null,
    message_id  varchar(36)   not null,
    sent_at     timestamp with time zone not null,
    primary key (case_id, step, alert)
);
