-- JobHome schema 0007: the membership SQL of 0002 written once. 0002 stays as applied (scripts are never edited):
-- this script replaces its two near-twin write functions with one, and the column list its two read queries repeat
-- with one read function.
-- Behaviour, parameters and result columns are unchanged (docs/storage.md; PostgresQueryContractTests).

-- Adds (p_insert) or updates a silo's row and bumps the table version, or does neither: the one definition of both
-- membership writes. The version is bumped first (its row lock orders concurrent writers); when the row then cannot be
-- inserted (exists) or updated (missing), the block raises, which rolls the bump back. An explicit RAISE is used on
-- purpose: plpgsql ASSERT is a no-op when plpgsql.check_asserts is off. p_silo_name, p_host_name, p_proxy_port and
-- p_start_time are used by inserts only, p_suspect_times by updates only.
CREATE FUNCTION jobhome_orleans_write_member(
    p_insert boolean, p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer, p_suspect_times text,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $body$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    IF p_insert THEN
        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                        proxy_port, suspect_times, start_time, i_am_alive_time)
        VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
                p_proxy_port, NULL, p_start_time, p_i_am_alive_time)
        ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING;
    ELSE
        UPDATE orleans_membership
           SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
         WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port
           AND generation = p_generation;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row % % % %; version bump undone', p_address, p_port, p_generation,
            CASE WHEN p_insert THEN 'exists' ELSE 'missing' END
            USING ERRCODE = 'JHM01';
    END IF;
    RETURN 1;
EXCEPTION
    WHEN SQLSTATE 'JHM01' THEN
        RETURN 0;
END
$body$;

-- The membership rows as Orleans reads them, with the table version on every row: one silo's row when p_address is
-- given, every row otherwise. Always at least one row while the version row exists (with NULL silo columns when there
-- is no matching silo), because Orleans reads the version from it.
CREATE FUNCTION jobhome_orleans_read_members(
    p_deployment_id text, p_address text, p_port integer, p_generation integer)
    RETURNS TABLE ("DeploymentId" varchar, "Address" varchar, "Port" integer, "Generation" integer,
                   "SiloName" varchar, "HostName" varchar, "Status" integer, "ProxyPort" integer,
                   "SuspectTimes" text, "StartTime" timestamptz, "IAmAliveTime" timestamptz, "Version" integer)
    LANGUAGE sql
    STABLE
AS $body$
SELECT v.deployment_id, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port,
       m.suspect_times, m.start_time, m.i_am_alive_time, v.version
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
    ON m.deployment_id = v.deployment_id
   AND (p_address IS NULL OR (m.address = p_address AND m.port = p_port AND m.generation = p_generation))
 WHERE v.deployment_id = p_deployment_id
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipKey', $q$
SELECT jobhome_orleans_write_member(true, @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$q$),
('UpdateMembershipKey', $q$
SELECT jobhome_orleans_write_member(false, @DeploymentId, @Address, @Port, @Generation, NULL, NULL, @Status, NULL,
    @SuspectTimes, NULL, @IAmAliveTime, @Version) AS "Updated"
$q$),
('MembershipReadRowKey', $q$
SELECT * FROM jobhome_orleans_read_members(@DeploymentId, @Address, @Port, @Generation)
$q$),
('MembershipReadAllKey', $q$
SELECT * FROM jobhome_orleans_read_members(@DeploymentId, NULL, NULL, NULL)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- 0002's two writers stay, as thin wrappers of the shared one: silos started before this script keep their query texts
-- (Orleans reads OrleansQuery once at start) and still call them during a rolling upgrade.
CREATE OR REPLACE FUNCTION jobhome_orleans_insert_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text,
    p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE sql
AS $body$
SELECT jobhome_orleans_write_member(true, p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
    p_status, p_proxy_port, NULL, p_start_time, p_i_am_alive_time, p_version)
$body$;

CREATE OR REPLACE FUNCTION jobhome_orleans_update_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE sql
AS $body$
SELECT jobhome_orleans_write_member(false, p_deployment_id, p_address, p_port, p_generation, NULL, NULL, p_status, NULL,
    p_suspect_times, NULL, p_i_am_alive_time, p_version)
$body$;

-- As 0006 grants: the runtime role (when it exists) may run every JobHome function.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'jobhome_runtime') THEN
        GRANT EXECUTE ON FUNCTION jobhome_orleans_write_member(boolean, text, text, integer, integer, text, text, integer, integer,
            text, timestamptz, timestamptz, integer) TO jobhome_runtime;
        GRANT EXECUTE ON FUNCTION jobhome_orleans_read_members(text, text, integer, integer) TO jobhome_runtime;
    END IF;
END
$$;
