-- JobHome schema 0001: the table Orleans' ADO.NET providers read their statements from.
-- Orleans loads it once at start with "SELECT QueryKey, QueryText FROM OrleansQuery" (unquoted, so the
-- names fold to lower case here and Npgsql matches the columns case-insensitively). Later scripts add
-- their keys with INSERT ... ON CONFLICT DO UPDATE, so a script may replace an earlier statement.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleans_query_pk PRIMARY KEY (QueryKey)
);
