-- Messages a node took into its memory straight from their accept commit (docs/design.md §3): nearly every message
-- while the carriers keep up. Until now each was a pending_message row with taken = 1, so every message was inserted
-- into and deleted from that table's four indexes, two of which (pending_message_queue, pending_message_expiry) serve
-- only the waiting rows. A held_message row has the same columns and only its primary key. It leaves the table when
-- every part of its message has a submit outcome, when it is withdrawn, or when its node hands it back to the store
-- (released, or put back as a possible resend when the node restarts or is adopted: moved to pending_message).
-- A message claimed from the store stays in pending_message with taken = 1, as before this migration, and so do the
-- rows taken = 1 written before it.
CREATE TABLE held_message (
    msg_id     BIGINT      NOT NULL,
    node_id    SMALLINT    NOT NULL,
    queue_rank TINYINT     NOT NULL,
    due_at     BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    provider   VARCHAR(64) NOT NULL,
    app_key    VARCHAR(64) NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
