-- Every claim reads its rows back, and every outcome and release finds them, by claim_token; exn_webhook keeps its
-- DELIVERED rows, so without an index each delivery run would scan the table's whole history.
create index exn_outbox_claim_token on exn_outbox (claim_token);
create index exn_webhook_claim_token on exn_webhook (claim_token);
