-- Trust inputs never go back (issue 11): the highest peer directory version this node (any instance) has taken, and
-- per CA the newest verified CRL, kept here so that a directory file rolled back, or a CRL file deleted or replaced by
-- an older one, neither widens what is accepted nor survives a restart unnoticed.
create table exn_directory_seen (
    id              integer      not null primary key,
    highest_version bigint       not null,
    seen_at         timestamp with time zone not null
);

create table exn_crl (
    issuer       varchar(1000) not null primary key,
    crl_number   varchar(100),                  -- decimal CRL number, when the CRL carries one
    this_update  timestamp with time zone not null,
    next_update  timestamp with time zone,
    crl          bytea         not null,        -- DER, verified again with the anchor's key when read
    stored_at    timestamp with time zone not null
);
