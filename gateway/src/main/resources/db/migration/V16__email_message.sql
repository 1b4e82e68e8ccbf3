-- Email over SMTP (docs/api.md "Emails"): one row per recipient of a POST /v1/emails (its email_id, from the
-- gateway's id generator), written before the API answers. The row is the queue entry and the history at once.
--   status: 0 queued (waits for due_at), 1 delivered (the receiving server accepted it), 2 failed
--   due_at: not sent before; a claim pushes it one lease ahead (claimed_by = the node), so a node that dies
--     leaves the mail due again after the lease; a transient failure (4xx, server unreachable) moves it later
--   attempts: claims that counted as a try; at the provider's maxAttempts a transient failure is final
--   resends: sends repeated because a connection dropped before the server's answer (the outcome was unknown)
--   cc_list, bcc_list: comma-separated, only on the first recipient's row (they get one copy)
--   smtp_reply: the server's last reply line (or the gateway's reason when none came)
CREATE TABLE email_message (
    id           BIGINT        NOT NULL,
    app_key      VARCHAR(64)   NOT NULL,
    recipient    VARCHAR(320)  NOT NULL,
    cc_list      VARCHAR(4000) NOT NULL,
    bcc_list     VARCHAR(4000) NOT NULL,
    sender_name  VARCHAR(128)  NOT NULL,
    subject      VARCHAR(998)  NOT NULL,
    body_text    MEDIUMTEXT    NULL,
    body_html    MEDIUMTEXT    NULL,
    callback_url VARCHAR(512)  NOT NULL,
    status       TINYINT       NOT NULL,
    attempts     INT           NOT NULL,
    resends      INT           NOT NULL,
    due_at       BIGINT        NOT NULL,
    claimed_by   SMALLINT      NULL,
    provider     VARCHAR(64)   NOT NULL,
    smtp_reply   VARCHAR(512)  NOT NULL,
    accepted_at  BIGINT        NOT NULL,
    finished_at  BIGINT        NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Claims: the queued rows that are due, oldest first.
CREATE INDEX email_message_queue ON email_message (status, due_at, id);
-- A restarted node takes its own claims back.
CREATE INDEX email_message_claimed ON email_message (claimed_by, status);
