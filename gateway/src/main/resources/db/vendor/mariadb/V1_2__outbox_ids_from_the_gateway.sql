-- Outbox ids come from the gateway (node-local generator, see NewCallbacks), so the column is no longer AUTO_INCREMENT.
ALTER TABLE callback_outbox MODIFY id BIGINT NOT NULL;
