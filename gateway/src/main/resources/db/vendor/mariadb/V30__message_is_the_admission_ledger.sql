-- The admission rules' ledger (docs/api.md "Admission rules") is the message table itself. Until now every admitted
-- message was written twice: its message row, and a send_ledger row (V5) with a second index (mobile_key, sent_at)
-- that a background prune deleted again a day later. The rules now read the recent messages of a mobile through the
-- index the console's search already keeps (message_mobile, V17: mobile, msg_id; msg_ids sort by acceptance time),
-- so the ledger costs one small column of a row that is written anyway.
-- rule_kind: the message's template type as the rules count it (1 code, 2 notification, 3 marketing); NULL for a
-- message the rules did not decide (no template type, or rules off), which never counts.
-- A message is kept at least history.retentionDays, which must cover the longest admission window (checked at start).
-- Added last, nullable: an instant change of the table's definition, no rebuild.
ALTER TABLE message ADD COLUMN rule_kind TINYINT NULL;
-- The ledger's rows still inside a window (the prune left about a day): the join goes from the small table.
UPDATE message m JOIN send_ledger l ON l.msg_id = m.msg_id SET m.rule_kind = l.kind;
DROP TABLE send_ledger;
