-- The pull interval (docs/api.md "Pulls", JSMS 50201) shared by every node: one row per app and pulled type (kind
-- 1 SMS_REPORT, 2 SMS_REPLY) with the time of its last allowed pull. A pull is allowed by a conditional update (or
-- the first insert), so two nodes never both allow a pull within the interval; a refused pull writes nothing.
CREATE TABLE report_pull_rate (
    app_key      VARCHAR(64) NOT NULL,
    kind         TINYINT     NOT NULL,
    last_pull_at BIGINT      NOT NULL,
    PRIMARY KEY (app_key, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- send_lock rows (V5) untouched for longer than the longest admission window are deleted in batches by the ledger
-- prune; this index lets each batch find them without scanning the table.
CREATE INDEX send_lock_touched ON send_lock (touched_at);

-- One row per app that created or modified a signature: the transaction that checks "at most one pending signature
-- per app" (50103) first locks the app's row, so two nodes' concurrent creates are decided one after the other.
CREATE TABLE catalog_app_lock (
    app_key   VARCHAR(64) NOT NULL,
    locked_at BIGINT      NOT NULL,
    PRIMARY KEY (app_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
