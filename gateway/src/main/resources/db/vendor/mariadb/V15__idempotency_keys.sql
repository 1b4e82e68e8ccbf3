-- Idempotency-Key of sends (docs/api.md "When the database is slow or down"): written in the transaction that stores
-- the send's messages, with the answer it was given, so a retry with the same key gets that answer back instead of
-- sending again. The key is compared byte for byte (ascii_bin: "abc" and "ABC" are two keys). Rows older than
-- server.idempotencyKeyTtl are purged by created_at (epoch millis).
CREATE TABLE idempotency_key (
    app_key    VARCHAR(64)  NOT NULL,
    idem_key   VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    status     SMALLINT     NOT NULL,
    code       INT          NOT NULL,
    answer     MEDIUMTEXT   NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (app_key, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
