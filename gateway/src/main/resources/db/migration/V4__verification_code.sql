-- Verification codes the gateway generated (POST /v1/codes, docs/api.md "Verification codes"): never the code itself,
-- only HMAC-SHA256(hash key + salt, code). One row per code message, keyed by its msg_id; checks change the row with
-- conditional UPDATEs, so two nodes checking the same code at once cannot both succeed. Rows are deleted by the
-- sweep codes.keepExpired after their expiry. Times are Unix epoch milliseconds.
CREATE TABLE verification_code (
    msg_id        BIGINT      NOT NULL,
    app_key       VARCHAR(64) NOT NULL,
    salt          VARBINARY(16) NOT NULL,
    code_hash     VARBINARY(32) NOT NULL,
    expires_at    BIGINT      NOT NULL,
    failed_tries  INT         NOT NULL,
    verified_at   BIGINT      NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX verification_code_expiry ON verification_code (expires_at);
