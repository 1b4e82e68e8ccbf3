-- A message held in memory since its accept, with its place in the queue kept in its own message row
-- (docs/design.md §3): while a node holds a fresh message, the accept's insert of the message row names that node in
-- held_node instead of a held_message row (V28) being inserted and then deleted at its submit (about 8 µs of mariadbd
-- per message at 5,000 msg/s, issue 13). The message is queued, and its node's restart or adopter puts it back in
-- pending_message, while it is not final, has no held_message or pending_message row, and fewer parts with an
-- accepted submit than it has parts; held_node is never cleared. held_provider and held_expires_at are the values its
-- queue row gets then (its due time is its accept time, its rank follows from its priority).
-- A message held longer than a minute gets an ordinary held_message row (so the range below stays short).
-- Nullable and without an index, so adding them is instant on MariaDB.
ALTER TABLE message ADD COLUMN held_node SMALLINT NULL;
ALTER TABLE message ADD COLUMN held_provider VARCHAR(64) NULL;
ALTER TABLE message ADD COLUMN held_expires_at BIGINT NULL;
-- How far back in message a restart or adoption of the node looks for such messages: a msg_id at or below every
-- message it holds that way (written at its start and then every 10 s). 0: it holds none, nothing to look through.
ALTER TABLE gateway_node ADD COLUMN held_mark BIGINT DEFAULT 0 NOT NULL;
