-- An app's own balance operations on its console page and through GET /operator/v1/balances/log?app_key=
-- (docs/api.md "Balances and billing"): newest first, a walk of this index however long the whole log grows.
CREATE INDEX balance_log_app ON balance_log (app_key, id);

-- The balance alert settings of each app (docs/api.md "Balance alerts"), edited by operators at runtime and read by
-- every node, so a change made on one node reaches the others. Config billing.alerts writes a row only for an app
-- that has none here, so an operator's edit survives a restart. mobiles holds 1..10 mainland mobiles separated by
-- commas; a threshold of 0 means no alert for that type. updated_by is '' for a row written from the config.
CREATE TABLE balance_alert_setting (
    app_key    VARCHAR(64)  NOT NULL,
    mobiles    VARCHAR(255) NOT NULL,
    industry   BIGINT       NOT NULL,
    market     BIGINT       NOT NULL,
    voice      BIGINT       NOT NULL,
    updated_by VARCHAR(64)  NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (app_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
