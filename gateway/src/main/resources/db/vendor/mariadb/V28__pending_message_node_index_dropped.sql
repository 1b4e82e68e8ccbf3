-- pending_message_node (node_id, msg_id), V1__init.sql, served only cold statements: a node putting its own taken
-- rows back at start, an adopter putting back a dead node's, and a test-only read. Every message sent straight from
-- memory inserts and deletes its pending_message row, and every claim moves node_id, so the index cost two or more
-- entry changes per message on the sending path. Those statements now find the taken rows through
-- pending_message_queue (taken, queue_rank, due_at, msg_id): only messages held in some node's memory are taken,
-- a bounded number whatever the backlog.
DROP INDEX pending_message_node ON pending_message;
