-- A report callback held in its message_final row (docs/design.md "The callback handoff"): while a node sends a
-- fresh message's report callback since the commit that made the message final, the final row names that node in
-- callback_node instead of a held_callback row being inserted and deleted for it (about 7.6 µs of mariadbd per
-- message at 5,000 msg/s, issue 13). Cleared when the callback moves to callback_outbox (a failed or put-off attempt,
-- the node's restart or adoption); once delivered, callback_at (V24) is set and the column no longer matters.
-- NULL: no callback is held there. Nullable and without an index, so adding it is instant on MariaDB.
ALTER TABLE message_final ADD COLUMN callback_node SMALLINT NULL;
-- How far back in message_final a restart or adoption of the node looks for such rows: a msg_id below every report
-- callback the node held in a final row when it wrote this (at most every quarter claim lease). 0: from the start.
ALTER TABLE gateway_node ADD COLUMN callback_mark BIGINT DEFAULT 0 NOT NULL;
