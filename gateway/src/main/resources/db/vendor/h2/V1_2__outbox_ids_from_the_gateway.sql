-- Outbox ids come from the gateway (node-local generator, see NewCallbacks), so the column is no longer an identity.
-- H2 in MariaDB mode moves an identity's sequence on every row inserted with an explicit id, and writes that change
-- to disk: measured at twice the store's cost per callback.
ALTER TABLE callback_outbox ALTER COLUMN id DROP IDENTITY;
