-- JobHome schema 0003: Orleans grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2).
-- Contract (from the 10.4.2 assembly): parameters @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
-- @GrainTypeString, @GrainIdExtensionString (may be null), @ServiceId, @GrainStateVersion (int, null on a
-- first write), @PayloadBinary; reads PayloadBinary and Version, writes answer NewGrainStateVersion, clear and
-- delete answer one column. An answer equal to the caller's ETag, or none, is a version conflict
-- (InconsistentStateException).
-- Unlike Orleans' script, a grain's row is unique: two activations racing on a first write cannot both insert.

CREATE TABLE orleans_storage
(
    grain_id_hash             integer      NOT NULL,
    grain_type_hash           integer      NOT NULL,
    service_id                varchar(150) NOT NULL,
    grain_type_string         varchar(512) NOT NULL,
    grain_id_n0               bigint       NOT NULL,
    grain_id_n1               bigint       NOT NULL,
    -- '' stands for Orleans' null key extension so that the key can be a plain unique constraint.
    grain_id_extension_string varchar(512) NOT NULL,
    payload_binary            bytea        NULL,
    modified_on               timestamptz  NOT NULL DEFAULT now(),
    version                   integer      NOT NULL,
    CONSTRAINT orleans_storage_pk PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_type_string,
                                               grain_id_n0, grain_id_n1, grain_id_extension_string)
);

-- First write (no version): insert version 1 unless the row exists. Later writes: compare-and-set on the
-- version. No row back means the caller's ETag is stale.
CREATE FUNCTION jobhome_orleans_write_state(
    p_grain_id_hash integer, p_grain_type_hash integer, p_service_id text, p_grain_type text,
    p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_extension text, p_version integer, p_payload bytea)
    RETURNS TABLE (new_version integer)
    LANGUAGE plpgsql
AS $body$
BEGIN
    IF p_version IS NULL THEN
        RETURN QUERY
        INSERT INTO orleans_storage AS s (grain_id_hash, grain_type_hash, service_id, grain_type_string, grain_id_n0,
                                          grain_id_n1, grain_id_extension_string, payload_binary, version)
        VALUES (p_grain_id_hash, p_grain_type_hash, p_service_id, p_grain_type, p_grain_id_n0, p_grain_id_n1,
                coalesce(p_extension, ''), p_payload, 1)
        ON CONFLICT ON CONSTRAINT orleans_storage_pk DO NOTHING
        RETURNING s.version;
    ELSE
        RETURN QUERY
        UPDATE orleans_storage AS s
           SET payload_binary = p_payload, version = s.version + 1, modified_on = now()
         WHERE s.grain_id_hash = p_grain_id_hash AND s.grain_type_hash = p_grain_type_hash
           AND s.service_id = p_service_id AND s.grain_type_string = p_grain_type
           AND s.grain_id_n0 = p_grain_id_n0 AND s.grain_id_n1 = p_grain_id_n1
           AND s.grain_id_extension_string = coalesce(p_extension, '')
           AND s.version = p_version
        RETURNING s.version;
    END IF;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', $q$
SELECT new_version AS "NewGrainStateVersion"
  FROM jobhome_orleans_write_state(@GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0,
                                   @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary)
$q$),
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
  FROM orleans_storage
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
   AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
$q$),
-- Clearing keeps the row with a NULL payload and a new version, so an ETag from before the clear never
-- matches again.
('ClearStorageKey', $q$
UPDATE orleans_storage
   SET payload_binary = NULL, version = version + 1, modified_on = now()
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
   AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
   AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$q$),
-- Used with DeleteStateOnClear = true. Answers a value different from the caller's ETag on success.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
   AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
   AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
