-- Contribution periods the local system holds for the person of a case (optional input, issue 3), against which the
-- node reports months paid twice. Replaced whole on each submission.
create table exn_case_local_record (
    case_id        varchar(64)   not null references exn_case (case_id),
    record_no      integer       not null,
    division_code  varchar(6)    not null,
    record_year    integer       not null,
    from_month     integer       not null,
    to_month       integer       not null,
    primary key (case_id, record_no)
);
