-- Balances and billing (docs/api.md "Balances and billing"). The store is the source of truth for every node.

-- One row per owner and SMS type: app_key '' is the account's unallocated balance, any other the app's. amount is in
-- message parts and never negative: every spend is a conditional UPDATE under the row's lock. alerted is 1 once the
-- balance crossed below its alert threshold and the alert was queued, 0 again once it is raised back above it.
CREATE TABLE balance (
    app_key  VARCHAR(64) NOT NULL,
    sms_type TINYINT     NOT NULL,
    amount   BIGINT      NOT NULL,
    alerted  TINYINT     NOT NULL DEFAULT 0,
    PRIMARY KEY (app_key, sms_type),
    CONSTRAINT balance_not_negative CHECK (amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- What each billed message cost, written in its accept transaction; refunded_at is set once when the parts are
-- credited back (a message that failed before reaching the carrier), so a refund is never made twice.
CREATE TABLE balance_charge (
    msg_id      BIGINT      NOT NULL,
    app_key     VARCHAR(64) NOT NULL,
    sms_type    TINYINT     NOT NULL,
    parts       INT         NOT NULL,
    refunded_at BIGINT      NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every operator operation on balances: top-ups of the account, allocations to and returns from apps.
CREATE TABLE balance_log (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    operator      VARCHAR(64) NOT NULL,
    at            BIGINT      NOT NULL,
    operation     VARCHAR(16) NOT NULL,
    app_key       VARCHAR(64) NOT NULL,
    sms_type      TINYINT     NOT NULL,
    amount        BIGINT      NOT NULL,
    app_after     BIGINT      NOT NULL,
    account_after BIGINT      NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Balance alerts queued by the transaction whose spend crossed below the threshold; sent_at is set by the node that
-- claims the row to send the alert SMS (at most once).
CREATE TABLE balance_alert (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    app_key    VARCHAR(64) NOT NULL,
    sms_type   TINYINT     NOT NULL,
    amount     BIGINT      NOT NULL,
    threshold  BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    sent_at    BIGINT      NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX balance_alert_unsent ON balance_alert (sent_at, id);
