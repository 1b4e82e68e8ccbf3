-- A message's report callback, once the app acknowledged it: when (epoch millis) and after how many attempts. The
-- outbox row is deleted when sent, so this is what the console's message detail shows of delivered callbacks
-- (docs/operations.md "Console"). 0 = not delivered (yet, or never: no callback URL, abandoned). NOT NULL with a
-- default so setting them rewrites the row in place, and adding them is instant on MariaDB.
ALTER TABLE message_final ADD COLUMN callback_at BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE message_final ADD COLUMN callback_attempts SMALLINT DEFAULT 0 NOT NULL;
