-- The console's message search (issue 15) reads newest first, (stored_at desc, message_id desc), a page at a time
-- after a keyset position. Each filter gets an index holding it ahead of that order, so that every page is a range
-- scan read in order and stopped after a page, at 1,000,000 messages as at 100. A message id is the primary key.
-- The time index also carries peer, direction and status, so the overview's counts since a time read it alone
-- (an index-only scan) instead of the table's rows.
create index exn_message_search_time on exn_message (stored_at desc, message_id desc, peer_node, direction, status);
create index exn_message_search_case on exn_message (conversation_id, stored_at desc, message_id desc);
create index exn_message_search_peer on exn_message (peer_node, stored_at desc, message_id desc);
create index exn_message_search_type on exn_message (message_type, stored_at desc, message_id desc);
create index exn_message_search_status on exn_message (status, stored_at desc, message_id desc);
create index exn_message_search_direction_status on exn_message (direction, status, stored_at desc, message_id desc);
create index exn_message_search_error on exn_message (error_code, stored_at desc, message_id desc);
-- (direction, status) is the head of exn_message_search_direction_status: one index fewer to write per message
drop index exn_message_direction_status;
