-- Click tracking (docs/api.md "Click tracking"): one row per tracked link of a message or mail, written in the
-- transaction that accepts it, so a tracking URL given out always resolves.
--   token: the random bytes of the link's token (the URL carries them base64url); binary, so it compares exactly
--   channel: 1 SMS (message_id is a msg_id), 2 email (message_id is an email_id)
--   url: the original link, where a click is redirected
--   callback_url: where the message's CLICK callback goes, '' for none
--   first_click_at: the first click on this link (Unix ms), NULL before; clicks: every click, bots' too
-- Rows created before the history retention are purged with the history (docs/operations.md "History and expiry").
CREATE TABLE click_link (
    token          VARBINARY(32) NOT NULL,
    app_key        VARCHAR(64)   NOT NULL,
    channel        TINYINT       NOT NULL,
    message_id     BIGINT        NOT NULL,
    url            VARCHAR(2048) NOT NULL,
    callback_url   VARCHAR(512)  NOT NULL,
    created_at     BIGINT        NOT NULL,
    first_click_at BIGINT        NULL,
    clicks         INT           NOT NULL,
    PRIMARY KEY (token)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- A message's links: its first click (send policies, the CLICK callback).
CREATE INDEX click_link_message ON click_link (message_id, channel);
-- The purge.
CREATE INDEX click_link_created ON click_link (created_at);
