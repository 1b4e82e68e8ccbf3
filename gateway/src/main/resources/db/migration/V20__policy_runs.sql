-- Sends with a send policy (docs/api.md "Send policies"): one run per user. The run keeps what its later steps need
-- (the user's mobile and email as they were at the send, the policy's steps, the rendered content of every channel)
-- so that neither a changed user nor a deleted policy changes a run under way. It has one durable timer: next_step
-- is the step decided when due_at comes (the step count + 1: the run's final outcome). A node claims a due run by
-- setting claimed_by and pushing due_at one lease ahead; its decision is written only on the condition that the run
-- still carries exactly that claim, in the transaction that stores the step's message - so a step runs once, whatever
-- node or restart, and a claim whose node died is taken over when its lease ends.
--   state: 0 running, 1 delivered, 2 clicked, 3 failed, 4 withdrawn
--   outcome_step: the step whose message met the goal (delivered, clicked), else 0
CREATE TABLE policy_run (
    run_id       BIGINT        NOT NULL,
    app_key      VARCHAR(64)   NOT NULL,
    policy_id    BIGINT        NOT NULL,
    user_id      VARCHAR(64)   NOT NULL,
    mobile       VARCHAR(32)   NOT NULL,
    email        VARCHAR(320)  NOT NULL,
    steps        VARCHAR(8000) NOT NULL,
    content      MEDIUMTEXT    NOT NULL,
    callback_url VARCHAR(512)  NOT NULL,
    state        TINYINT       NOT NULL,
    outcome_step INT           NOT NULL,
    next_step    INT           NOT NULL,
    due_at       BIGINT        NOT NULL,
    claimed_by   SMALLINT      NULL,
    created_at   BIGINT        NOT NULL,
    finished_at  BIGINT        NOT NULL,
    PRIMARY KEY (run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Running runs whose timer is due (or whose claim's lease ran out), earliest first.
CREATE INDEX policy_run_due ON policy_run (state, due_at, run_id);

-- What each decided step of a run did. state: 1 sent (message_id), 2 skipped (reason), 3 not needed, 4 cancelled.
CREATE TABLE policy_run_step (
    run_id     BIGINT       NOT NULL,
    step       INT          NOT NULL,
    channel    TINYINT      NOT NULL,
    state      TINYINT      NOT NULL,
    message_id BIGINT       NOT NULL,
    decided_at BIGINT       NOT NULL,
    reason     VARCHAR(300) NOT NULL,
    PRIMARY KEY (run_id, step)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The POLICY_REPORT callbacks' data (the callback outbox's ref_id): a step's outcome (step > 0, final 0) or the
-- run's final outcome (final 1).
CREATE TABLE policy_event (
    id         BIGINT       NOT NULL,
    run_id     BIGINT       NOT NULL,
    step       INT          NOT NULL,
    final      TINYINT      NOT NULL,
    outcome    VARCHAR(16)  NOT NULL,
    channel    VARCHAR(8)   NOT NULL,
    message_id BIGINT       NOT NULL,
    reason     VARCHAR(300) NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
