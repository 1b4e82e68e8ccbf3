-- Which node holds a callback outbox row's current claim (NULL: none; the row is due at due_at for any claimer).
-- A node that restarts after a crash takes its own claims back at once instead of waiting out their lease;
-- other nodes' claims still wait for theirs (docs/design.md "Callbacks are a durable outbox").
ALTER TABLE callback_outbox ADD COLUMN claimed_by SMALLINT NULL;
