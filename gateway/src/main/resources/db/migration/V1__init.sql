-- The gateway's message store (DESIGN.md §2, §3). One schema for H2 (MODE=MariaDB) and MariaDB 10.11+.
-- Times are Unix epoch milliseconds (BIGINT): no time-zone conversions anywhere.
-- Hot-path writes append rows; the rows that are updated or deleted live in small tables (pending_message,
-- callback_outbox, parked_report), so their pages stay cached. Status is derived:
--   message_final row        -> DELIVERED / FAILED
--   pending_message row      -> ACCEPTED (not every part has a recorded submit outcome)
--   neither                  -> SUBMITTED (waiting for carrier reports)

-- Every accepted message, written once at accept and never updated.
CREATE TABLE message (
    msg_id       BIGINT        NOT NULL,
    app_key      VARCHAR(64)   NOT NULL,
    mobile       VARCHAR(21)   NOT NULL,
    content      VARCHAR(1000) NOT NULL,
    template_id  BIGINT        NOT NULL,
    priority     TINYINT       NOT NULL,
    callback_url VARCHAR(512)  NULL,
    parts        SMALLINT      NOT NULL,
    accepted_at  BIGINT        NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Accepted messages whose parts do not all have an accepted SUBMIT_RESP yet: what a restarted node sends again.
-- Small: rows leave when the last part's submit outcome is recorded or the message becomes final.
CREATE TABLE pending_message (
    msg_id  BIGINT   NOT NULL,
    node_id SMALLINT NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX pending_message_node ON pending_message (node_id, msg_id);

-- One row per recorded SUBMIT_RESP: the carrier Msg_Id of a part, per provider account. Several rows per part
-- when a part was sent again after a crash; each stays matchable.
CREATE TABLE carrier_submit (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    provider       VARCHAR(64) NOT NULL,
    carrier_msg_id BIGINT      NOT NULL,
    msg_id         BIGINT      NOT NULL,
    part_no        SMALLINT    NOT NULL,
    part_count     SMALLINT    NOT NULL,
    result         INT         NOT NULL,
    submitted_at   BIGINT      NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Report correlation: carrier Msg_Id first (nearly unique), provider second.
CREATE INDEX carrier_submit_carrier ON carrier_submit (carrier_msg_id, provider);
-- Parts submitted per message (long messages), resend bookkeeping.
CREATE INDEX carrier_submit_msg ON carrier_submit (msg_id);

-- Reports that arrived before their SUBMIT_RESP was recorded; deleted when matched.
CREATE TABLE parked_report (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    provider       VARCHAR(64) NOT NULL,
    carrier_msg_id BIGINT      NOT NULL,
    stat           VARCHAR(16) NOT NULL,
    mobile         VARCHAR(32) NOT NULL,
    received_at    BIGINT      NOT NULL,
    parked_at      BIGINT      NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX parked_report_carrier ON parked_report (carrier_msg_id, provider);

-- The first final report of each part of a long message (single-part messages need only message_final).
CREATE TABLE message_part (
    msg_id         BIGINT      NOT NULL,
    part_no        SMALLINT    NOT NULL,
    provider       VARCHAR(64) NOT NULL,
    carrier_msg_id BIGINT      NOT NULL,
    stat           VARCHAR(16) NOT NULL,
    reported_at    BIGINT      NOT NULL,
    PRIMARY KEY (msg_id, part_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The final status of a message, written once, in the transaction that writes its SMS_REPORT outbox row.
CREATE TABLE message_final (
    msg_id   BIGINT      NOT NULL,
    app_key  VARCHAR(64) NOT NULL,
    mobile   VARCHAR(32) NOT NULL,
    status   TINYINT     NOT NULL,
    stat     VARCHAR(16) NOT NULL,
    final_at BIGINT      NOT NULL,
    pulled   TINYINT     NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- GET /v1/report: an app's reports not pulled yet, oldest first.
CREATE INDEX message_final_pull ON message_final (app_key, pulled, msg_id);

-- Uplink (MO) messages.
CREATE TABLE mo_message (
    mo_id          BIGINT        NOT NULL,
    provider       VARCHAR(64)   NOT NULL,
    carrier_msg_id BIGINT        NOT NULL,
    app_key        VARCHAR(64)   NULL,
    callback_url   VARCHAR(512)  NULL,
    mobile         VARCHAR(32)   NOT NULL,
    dest_id        VARCHAR(21)   NOT NULL,
    content        VARCHAR(1000) NOT NULL,
    received_at    BIGINT        NOT NULL,
    pulled         TINYINT       NOT NULL,
    PRIMARY KEY (mo_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Repeated DELIVERs (lost DELIVER_RESP) carry the same Msg_Id.
CREATE INDEX mo_message_carrier ON mo_message (carrier_msg_id, provider);
-- GET /v1/reply.
CREATE INDEX mo_message_pull ON mo_message (app_key, pulled, mo_id);

-- Durable callback outbox. due_at is the next attempt (a claim moves it one lease ahead); NULL once abandoned.
-- Sent rows are deleted, so the table holds only what is still owed.
CREATE TABLE callback_outbox (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    kind       TINYINT      NOT NULL,
    app_key    VARCHAR(64)  NOT NULL,
    url        VARCHAR(512) NOT NULL,
    ref_id     BIGINT       NOT NULL,
    created_at BIGINT       NOT NULL,
    due_at     BIGINT       NULL,
    attempts   INT          NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Claims: due rows, earliest first (id named so H2 serves the whole ORDER BY from the index, as InnoDB does).
CREATE INDEX callback_outbox_due ON callback_outbox (due_at, id);
