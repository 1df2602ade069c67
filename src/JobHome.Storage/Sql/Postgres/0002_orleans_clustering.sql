-- JobHome schema 0002: Orleans membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2).
-- Contract (from the 10.4.2 assembly): parameters @DeploymentId, @Address, @Port, @Generation, @SiloName,
-- @HostName, @Status, @ProxyPort, @SuspectTimes, @StartTime, @IAmAliveTime, @Version (int); result columns
-- DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime,
-- IAmAliveTime, Version; insert/update answer one column, > 0 for success.
-- The version row is the table's ETag: every membership change bumps it under the row lock, so of two
-- silos writing with the same version exactly one succeeds.

CREATE TABLE orleans_membership_version
(
    deployment_id varchar(150) NOT NULL,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0,
    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (deployment_id)
);

CREATE TABLE orleans_membership
(
    deployment_id   varchar(150) NOT NULL,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer      NULL,
    suspect_times   text         NULL,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fk FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id)
);

-- Adds a silo's row and bumps the table version, or does neither. The version is bumped first (its row lock
-- orders concurrent writers); when the row then cannot be inserted the block raises, which rolls the bump
-- back. An explicit RAISE is used on purpose: plpgsql ASSERT is a no-op when plpgsql.check_asserts is off.
CREATE FUNCTION jobhome_orleans_insert_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text,
    p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer)
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

-- Updates a silo's row and bumps the table version, or does neither (same rollback rule as above).
CREATE FUNCTION jobhome_orleans_update_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
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

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH added AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT orleans_membership_version_pk DO NOTHING
    RETURNING 1)
SELECT count(*)::integer AS "Inserted" FROM added
$q$),
('InsertMembershipKey', $q$
SELECT jobhome_orleans_insert_member(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$q$),
('UpdateMembershipKey', $q$
SELECT jobhome_orleans_update_member(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
    @IAmAliveTime, @Version) AS "Updated"
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
    ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port
   AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
WITH members AS (DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId)
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),
-- Removes rows of silos declared dead (status 6) that have not been alive since the cut-off. Missing from
-- Orleans' first PostgreSQL script (silos failed to start without it).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
