-- Idempotency-Key of sends (docs/api.md "When the database is slow or down"): written in the transaction that stores
-- the send's messages, with the answer it was given, so a retry with the same key gets that answer back instead of
-- sending again. The key is compared exactly (H2's VARCHAR is case-sensitive). Rows older than
-- server.idempotencyKeyTtl are purged by created_at (epoch millis).
CREATE TABLE idempotency_key (
    app_key    VARCHAR(64)  NOT NULL,
    idem_key   VARCHAR(64)  NOT NULL,
    status     SMALLINT     NOT NULL,
    code       INT          NOT NULL,
    answer     MEDIUMTEXT   NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (app_key, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
