-- Callbacks a node handed to its own dispatcher straight from the commit that created them (docs/design.md §5):
-- nearly every callback while the apps answer. Until now each was a callback_outbox row claimed by that node, so every
-- callback was inserted into and deleted from callback_outbox_due, an index only the claims of due rows need. A
-- held_callback row has the columns that rebuild the callback and only its primary key, led by the node: a node's
-- rows are one range, which a restart of that node (or the node adopting it) moves to callback_outbox, due at once.
-- A row leaves the table when its callback is acknowledged (deleted), or when its node gives it up for a later retry,
-- a deferral or abandonment (moved to callback_outbox, claimed by that node, attempt 1, and then updated there as a
-- claimed row). Callbacks claimed from callback_outbox stay there, as before this migration.
CREATE TABLE held_callback (
    node_id    SMALLINT     NOT NULL,
    id         BIGINT       NOT NULL,
    kind       TINYINT      NOT NULL,
    app_key    VARCHAR(64)  NOT NULL,
    url        VARCHAR(512) NOT NULL,
    ref_id     BIGINT       NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (node_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
