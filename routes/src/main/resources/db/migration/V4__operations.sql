-- Operator actions (issue 4): a quarantined document re-verified and processed is marked resolved (it stays, for the
-- record); replays are attempts with outcome REPLAYED in exn_send_attempt.
alter table exn_quarantine add column resolved_at timestamp with time zone;
alter table exn_quarantine add column resolved_by varchar(100);
alter table exn_quarantine add column resolution varchar(2000);
create index exn_message_failed on exn_message (direction, status, peer_node, stored_at);
