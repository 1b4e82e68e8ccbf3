-- The admission rules' ledger (docs/api.md "Admission rules") is the message table itself. Until now every admitted
-- message was written twice: its message row, and a send_ledger row (V5) with a second index (mobile_key, sent_at)
-- that a background prune deleted again a day later. The rules now read the recent messages of a mobile through the
-- index the console's search already keeps (message_mobile, V17: mobile, msg_id; msg_ids sort by acceptance time),
-- so the ledger costs one small column of a row that is written anyway.
-- rule_kind: the message's template type as the rules count it (1 code, 2 notification, 3 marketing); NULL for a
-- message the rules did not decide (no template type, or rules off), which never counts.
-- A message is kept at least history.retentionDays, which must cover the longest admission window (checked at start).
ALTER TABLE message ADD COLUMN rule_kind TINYINT NULL;
UPDATE message SET rule_kind = (SELECT l.kind FROM send_ledger l WHERE l.msg_id = message.msg_id)
    WHERE msg_id IN (SELECT msg_id FROM send_ledger);
DROP TABLE send_ledger;
