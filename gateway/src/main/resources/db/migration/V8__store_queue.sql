-- The store is the queue (docs/design.md §3): every accepted message waits in pending_message until each of its
-- parts has a recorded submit outcome. Memory holds only a bounded window of it per node.
--   taken = 1: node_id has the message in memory (queued for a provider, in a window, or waiting for outcomes);
--   taken = 0: it waits in the store until it is due and some node has room, which claims it (taken = 1, node_id).
--   queue_rank: 0 high (verification codes), 1 normal (notifications), 2 low (marketing): claims go in rank order,
--     then by due time, then by msg id.
--   due_at: not sent before (a scheduled send's time, else the accept time); expires_at: made final FAILED
--     (GW:EXPIRED) instead of sent when still waiting then.
--   resend = 1: a node had it in memory and stopped before every part's outcome was stored; sending it again may
--     duplicate a part at the carrier, and is counted.
--   provider: the provider its route names first (a backup may send it); app_key: for the per-app backlog quota.
-- Rows written before this migration were all in their node's memory: they keep taken = 1 and go back to the queue
-- when that node restarts.
ALTER TABLE pending_message ADD COLUMN taken TINYINT NOT NULL DEFAULT 1;
ALTER TABLE pending_message ADD COLUMN queue_rank TINYINT NOT NULL DEFAULT 1;
ALTER TABLE pending_message ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_message ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 9223372036854775807;
ALTER TABLE pending_message ADD COLUMN resend TINYINT NOT NULL DEFAULT 0;
ALTER TABLE pending_message ADD COLUMN provider VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE pending_message ADD COLUMN app_key VARCHAR(64) NOT NULL DEFAULT '';
-- Claims: the waiting rows of one rank that are due, oldest first.
CREATE INDEX pending_message_queue ON pending_message (taken, queue_rank, due_at, msg_id);
-- Expiry: the waiting rows past their time to live.
CREATE INDEX pending_message_expiry ON pending_message (taken, expires_at);
