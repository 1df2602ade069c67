-- JobHome schema 0006: the append-only audit log (see docs/security.md).
-- Run by the migration role (MigrationConnectionString or `jobhome db migrate`). The silo's runtime role is meant to be
-- a member of jobhome_runtime: it may INSERT and SELECT audit records and nothing else on them. Triggers refuse UPDATE,
-- DELETE and TRUNCATE even to the table's owner, and each record carries the hash of the previous one.

CREATE TABLE audit_log
(
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    role      text        NOT NULL,
    address   text        NOT NULL,
    action    text        NOT NULL,
    target_id text        NOT NULL,
    site_code text        NULL,
    site_path text        NOT NULL,
    reason    text        NULL,
    status    integer     NOT NULL,
    prev_hash text        NULL,
    hash      text        NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);

CREATE FUNCTION jobhome_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (审计日志只增不改): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jobhome_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION jobhome_audit_append_only();

-- The runtime role (a group role: grant it to the login the silos use). Roles are cluster-wide, so another database
-- may have created it already, possibly at the same moment; a migration role without CREATEROLE leaves it to the DBA
-- (docs/security.md gives the statements), and the grants below then wait for it.
REVOKE ALL ON audit_log FROM PUBLIC;
DO
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'jobhome_runtime') THEN
        BEGIN
            CREATE ROLE jobhome_runtime NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'jobhome_runtime does not exist and this role may not create it: grant as in docs/security.md';
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'jobhome_runtime') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO jobhome_runtime', current_schema());
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO jobhome_runtime', current_schema());
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO jobhome_runtime', current_schema());
        EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO jobhome_runtime', current_schema());
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM jobhome_runtime;
    END IF;
END
$$;
