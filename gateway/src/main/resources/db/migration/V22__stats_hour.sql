-- Hourly statistics for the console (docs/operations.md "Statistics"): one row per hour x app x template x provider,
-- filled by the rollup job (stats.StatsRollup) off the hot path. A message counts in the hour it was accepted (its
-- cohort), so the funnel of an hour reads "of the messages accepted then, so many were submitted, delivered, ...".
--   hour_start: epoch ms of the UTC hour; provider: the provider of its latest submit, '' while never submitted.
--   accepted .. no_report: messages; lat_0 .. lat_11: messages whose carrier report came within the bucket's bound
--   of their last submit (stats.LatencyBuckets: 1 s, 2 s, 5 s, 10 s, 30 s, 1 m, 2 m, 5 m, 10 m, 30 m, 1 h, more).
-- These rows are not purged with the history (history.retentionDays): they keep their own, longer retention.
CREATE TABLE stats_hour (
    hour_start  BIGINT      NOT NULL,
    app_key     VARCHAR(64) NOT NULL,
    template_id BIGINT      NOT NULL,
    provider    VARCHAR(64) NOT NULL,
    accepted    BIGINT      NOT NULL,
    submitted   BIGINT      NOT NULL,
    delivered   BIGINT      NOT NULL,
    failed      BIGINT      NOT NULL,
    no_report   BIGINT      NOT NULL,
    lat_0       BIGINT      NOT NULL,
    lat_1       BIGINT      NOT NULL,
    lat_2       BIGINT      NOT NULL,
    lat_3       BIGINT      NOT NULL,
    lat_4       BIGINT      NOT NULL,
    lat_5       BIGINT      NOT NULL,
    lat_6       BIGINT      NOT NULL,
    lat_7       BIGINT      NOT NULL,
    lat_8       BIGINT      NOT NULL,
    lat_9       BIGINT      NOT NULL,
    lat_10      BIGINT      NOT NULL,
    lat_11      BIGINT      NOT NULL,
    PRIMARY KEY (hour_start, app_key, template_id, provider)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Messages the rollup counted before they were final: what it counted for each (its provider then, submitted or
-- not), so that a later look adds only the difference. Small: a row leaves when its message is final or purged.
CREATE TABLE stats_watch (
    msg_id    BIGINT      NOT NULL,
    provider  VARCHAR(64) NOT NULL,
    submitted TINYINT     NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The rollup's cursor over the message table (the last msg_id counted). Written here so that every rollup step can
-- lock this one row first: the lock is what keeps two nodes from counting the same page twice.
INSERT INTO history_cursor (name, position) VALUES ('stats_hour', 0);
