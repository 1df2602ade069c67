-- JobHome embedded store, schema 3 (SQLite): grain_state becomes a rowid table with a unique index on its key.
-- Schema 1 made it a WITHOUT ROWID table, whose rows live in the cells of an index b-tree: a row longer than about a
-- quarter of a page (1,002 bytes with 4 KiB pages) keeps only ~490 bytes in its cell and the rest on an overflow page,
-- which every rewrite frees and allocates again, and rows inserted at random keys split fat leaf pages. A rowid table
-- keeps rows up to ~4 KiB in its leaf, appends new rows at its end, and the unique index holds only the short keys.
-- Same columns, same values (version stays the ETag; tombstones stay), so every stored ETag still matches.
-- docs/embedded.md ("The state table") has the measurements. Runs in the migrator's one transaction: all or nothing.
CREATE TABLE grain_state_rowid (
    grain_id    TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB    NULL,
    modified_at INTEGER NOT NULL,
    UNIQUE (grain_id, state_name)
);
INSERT INTO grain_state_rowid (grain_id, state_name, version, payload, modified_at)
    SELECT grain_id, state_name, version, payload, modified_at FROM grain_state ORDER BY grain_id, state_name;
DROP TABLE grain_state;
ALTER TABLE grain_state_rowid RENAME TO grain_state;
