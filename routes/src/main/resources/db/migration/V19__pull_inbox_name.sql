-- The local system's pull inbox was table exn_inbox, a name the node's broker queue (node.<id>.inbox) also uses:
-- one word for two things (issue 12). Renamed, rows kept.
alter table exn_inbox rename to exn_pull_inbox;
alter index exn_inbox_unacknowledged rename to exn_pull_inbox_unacknowledged;
