-- Inputs that cost too much (issue 11): a document refused for its size or complexity is kept as a bounded prefix,
-- with the size and SM3 digest of the whole; a quarantined document that got no Error says why (its signature did not
-- verify, its sender is no peer, it is a Receipt or an Error). Rows from before keep their whole content and nulls.
alter table exn_quarantine add column content_size bigint;
alter table exn_quarantine add column content_sm3 varchar(64);
alter table exn_quarantine add column unanswered varchar(200);
