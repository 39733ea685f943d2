-- The backlog gauge of letters awaiting a Receipt (per peer: count and oldest stored_at, where direction, status and
-- receipt_due_at is not null) was answered through (direction, status, peer_node, stored_at), with each matching
-- row read for its receipt_due_at: every sample read every letter awaiting a Receipt with its signed content, so
-- after a holiday (tens of thousands waiting) the gauge took a fifth of the sender's CPU and slowed the drain.
-- The same index with receipt_due_at at its end answers that gauge from the index alone, and still serves the
-- FAILED counts per peer it was made for; one index replaced by one, so a message costs no more to write.
drop index exn_message_failed;
create index exn_message_peer_status on exn_message (direction, status, peer_node, stored_at, receipt_due_at);
