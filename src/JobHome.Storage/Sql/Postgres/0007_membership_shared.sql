-- JobHome schema 0007: the membership SQL of 0002 written once. 0002 stays as applied (scripts are never edited):
-- this script replaces its two write functions and two read queries with versions built on shared definitions.
-- Behaviour, parameters and result columns are unchanged (docs/storage.md; PostgresQueryContractTests).

-- The table-version step both membership writes begin with: bumps the version when it still is p_version and says
-- whether it did. Called inside the writers' blocks, so a RAISE there also undoes this bump.
CREATE FUNCTION jobhome_orleans_bump_membership_version(p_deployment_id text, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $body$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    RETURN FOUND;
END
$body$;

-- Adds a silo's row and bumps the table version, or does neither (rule as in 0002: explicit RAISE, not ASSERT).
CREATE OR REPLACE FUNCTION jobhome_orleans_insert_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text,
    p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $body$
BEGIN
    IF NOT jobhome_orleans_bump_membership_version(p_deployment_id, p_version) THEN
        RETURN 0;
    END IF;
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, suspect_times, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            p_proxy_port, NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row % % % exists; version bump undone', p_address, p_port, p_generation
            USING ERRCODE = 'JHM01';
    END IF;
    RETURN 1;
EXCEPTION
    WHEN SQLSTATE 'JHM01' THEN
        RETURN 0;
END
$body$;

-- Updates a silo's row and bumps the table version, or does neither.
CREATE OR REPLACE FUNCTION jobhome_orleans_update_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $body$
BEGIN
    IF NOT jobhome_orleans_bump_membership_version(p_deployment_id, p_version) THEN
        RETURN 0;
    END IF;
    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port
       AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row % % % missing; version bump undone', p_address, p_port, p_generation
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
('MembershipReadRowKey', $q$
SELECT * FROM jobhome_orleans_read_members(@DeploymentId, @Address, @Port, @Generation)
$q$),
('MembershipReadAllKey', $q$
SELECT * FROM jobhome_orleans_read_members(@DeploymentId, NULL, NULL, NULL)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- As 0006 grants: the runtime role (when it exists) may run every JobHome function.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'jobhome_runtime') THEN
        GRANT EXECUTE ON FUNCTION jobhome_orleans_bump_membership_version(text, integer) TO jobhome_runtime;
        GRANT EXECUTE ON FUNCTION jobhome_orleans_read_members(text, text, integer, integer) TO jobhome_runtime;
    END IF;
END
$$;
