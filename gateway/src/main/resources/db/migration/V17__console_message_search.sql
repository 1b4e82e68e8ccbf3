-- The console's message search (docs/operations.md "Console"): by recipient and by app, newest first, each an index
-- range walked backwards by msg_id, so a page costs the same over millions of rows. A time range is a msg_id range
-- (msg_ids sort by acceptance time) and needs no index of its own.
CREATE INDEX message_mobile ON message (mobile, msg_id);
CREATE INDEX message_app ON message (app_key, msg_id);
