-- Files the local system dropped into the file-drop inbox and the node accepted (issue 3), written in the transaction
-- that stores the form: a file seen again (a crash between the commit and the move to archive, or a second node
-- instance polling the same directory) is recognised and archived, never sent twice.
create table exn_file_drop (
    file_digest      varchar(64)   not null primary key,   -- hex SHA-256 of the file name and its bytes
    file_name        varchar(255)  not null,
    message_id       varchar(36)   not null,
    conversation_id  varchar(64)   not null,
    to_node          varchar(9)    not null,
    accepted_at      timestamp with time zone not null
);
