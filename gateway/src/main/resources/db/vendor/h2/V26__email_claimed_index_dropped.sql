-- email_message_claimed (claimed_by, status), V16__email_message.sql, served one statement: a restarted node making
-- its own earlier claims due again, once at start. Every mail changed both of its columns twice (its lease sets
-- claimed_by, its outcome sets status and clears claimed_by), so the index cost four entry changes per mail on the
-- sending path. That statement now finds the queued rows through email_message_queue (status, due_at, id) instead.
DROP INDEX email_message_claimed;
