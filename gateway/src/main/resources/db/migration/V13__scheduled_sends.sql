-- Scheduled sends (/v1/schedule, docs/api.md "Scheduled sends"). A schedule keeps its recipients with their rendered
-- text until its time; then one node claims it (status 1, lease_until) and hands its messages to the intake, and
-- the transaction that stores them marks it sent (status 2) and records each recipient's msg_id or refusal - so it
-- fires exactly once, whatever node or restart. A node that dies holding a claim leaves it to another after the lease.
--   status: 0 scheduled, 1 being sent (claimed_by, lease_until), 2 sent, 3 deleted
CREATE TABLE sms_schedule (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    schedule_id  VARCHAR(36)  NOT NULL,
    app_key      VARCHAR(64)  NOT NULL,
    batch        TINYINT      NOT NULL,
    send_at      BIGINT       NOT NULL,
    send_time    VARCHAR(19)  NOT NULL,
    temp_id      BIGINT       NOT NULL,
    tag          VARCHAR(10)  NULL,
    status       TINYINT      NOT NULL,
    claimed_by   SMALLINT     NULL,
    lease_until  BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE UNIQUE INDEX sms_schedule_public ON sms_schedule (schedule_id);
-- Due schedules, earliest first; claims whose lease ran out.
CREATE INDEX sms_schedule_due ON sms_schedule (status, send_at, id);
CREATE INDEX sms_schedule_lease ON sms_schedule (status, lease_until, id);

-- A schedule's recipients in request order, rendered when it was created.
CREATE TABLE sms_schedule_recipient (
    schedule_row BIGINT        NOT NULL,
    position     INT           NOT NULL,
    mobile       VARCHAR(32)   NOT NULL,
    given_mobile VARCHAR(64)   NOT NULL,
    temp_para    VARCHAR(4000) NOT NULL,
    content      VARCHAR(1000) NOT NULL,
    template_id  BIGINT        NOT NULL,
    sign_id      INT           NOT NULL,
    callback_url VARCHAR(512)  NOT NULL,
    template_type TINYINT      NOT NULL,
    msg_id       BIGINT        NULL,
    refusal      INT           NULL,
    PRIMARY KEY (schedule_row, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
