-- Two reads that grew with everything a node had ever done, found by profiling the 80,000-letter backlog drain
-- (the receiver's drain fell from 81 to 45 letters/s while its CPU stayed the same):
--
-- The deadline sweep reads the open steps a page of 500 at a time after a keyset position (case_id, step). Through
-- (status, due_on) H2 read every open step for each page and sorted them, so a sweep cost pages x open steps: at
-- 55,000 open steps it ran for minutes and took 42 % of the receiver's CPU. Through (status, case_id, step) a page is
-- a range read in order and stopped after 500 rows (the query names status first in its order so H2 sees that).
create index exn_case_step_open_key on exn_case_step (status, case_id, step);
--
-- The gauge of letters awaiting a Receipt counts (OUTBOUND, SENT) with a Receipt due. With receipt_due_at last in
-- exn_message_peer_status it read every (OUTBOUND, SENT) entry, so also every Receipt, Error and Pong the node had
-- ever sent (they stay SENT with no Receipt due): at a receiving node, every letter it had ever received, every
-- sample. With receipt_due_at third, the count is a range over the letters that have a Receipt due; the FAILED
-- counts per peer still read (direction, status) alone, and the index still holds every column either reads.
drop index exn_message_peer_status;
create index exn_message_peer_status on exn_message (direction, status, receipt_due_at, peer_node, stored_at);
