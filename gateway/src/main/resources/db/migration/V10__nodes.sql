-- Gateway nodes sharing this database (docs/design.md §8, docs/operations.md "Several nodes on one database").
-- One row per node id: the process that holds it now (instance_id, random per start; host and pid for the
-- operator) and its last heartbeat. A row whose heartbeat is older than node.lease is dead: a new process may claim
-- the id, and one live node adopts its work (adopted_by, so nobody adopts it twice). Times are epoch milliseconds.
CREATE TABLE gateway_node (
    node_id      SMALLINT     NOT NULL,
    instance_id  VARCHAR(36)  NOT NULL,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    started_at   BIGINT       NOT NULL,
    heartbeat_at BIGINT       NOT NULL,
    adopted_by   SMALLINT     NULL,
    PRIMARY KEY (node_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A provider's connections as leases: slot 0 .. connections-1 of a provider, held by one node until lease_until
-- (renewed with its heartbeat). A node opens a CMPP session only for the slots it holds, so the sessions of all
-- nodes to one account never exceed its connections. node_id NULL: never held or released.
CREATE TABLE provider_slot (
    provider    VARCHAR(64) NOT NULL,
    slot        SMALLINT    NOT NULL,
    node_id     SMALLINT    NULL,
    lease_until BIGINT      NOT NULL,
    PRIMARY KEY (provider, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX provider_slot_node ON provider_slot (node_id);
