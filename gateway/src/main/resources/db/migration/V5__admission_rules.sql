-- Admission rules (docs/api.md, "Admission rules"). The store is the source of truth for every node.

-- One row per message the per-mobile rules admitted, written in its accept transaction: what the frequency (50009)
-- and repeat (50034) rules count. mobile_key is the mobile's digits as a number. Rows older than the longest window
-- are never read again.
CREATE TABLE send_ledger (
    msg_id       BIGINT      NOT NULL,
    app_key      VARCHAR(64) NOT NULL,
    mobile_key   BIGINT      NOT NULL,
    kind         TINYINT     NOT NULL,
    content_hash BIGINT      NOT NULL,
    sent_at      BIGINT      NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX send_ledger_mobile ON send_ledger (mobile_key, sent_at);

-- One row per app and mobile ever sent to: MariaDB nodes lock it (an upsert) before counting, so two nodes never
-- both admit the last message a limit allows.
CREATE TABLE send_lock (
    app_key    VARCHAR(64) NOT NULL,
    mobile_key BIGINT      NOT NULL,
    touched_at BIGINT      NOT NULL,
    PRIMARY KEY (mobile_key, app_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Mobiles that unsubscribed from an app's marketing with an MO (50024).
CREATE TABLE unsubscribed (
    app_key         VARCHAR(64) NOT NULL,
    mobile_key      BIGINT      NOT NULL,
    mobile          VARCHAR(32) NOT NULL,
    unsubscribed_at BIGINT      NOT NULL,
    PRIMARY KEY (mobile_key, app_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Apps the operator blacklisted (50036); a row with blacklisted = 0 is a cleared one.
CREATE TABLE app_standing (
    app_key     VARCHAR(64) NOT NULL,
    blacklisted TINYINT     NOT NULL,
    updated_at  BIGINT      NOT NULL,
    PRIMARY KEY (app_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The account's standing: one row (id 1) once the operator froze or thawed it (50301).
CREATE TABLE account_standing (
    id         TINYINT NOT NULL,
    frozen     TINYINT NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
