-- Why a local-system notification failed, as a code of the catalogue (issue 11): TRANSIENT_FAILURE when the local
-- system did not take it, DECRYPTION_FAILED when no key the node holds opens its form (it fails at once, alone).
alter table exn_webhook add column error_code varchar(40);
