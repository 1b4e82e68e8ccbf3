-- History retention and the "no report" expiry (docs/operations.md "History and expiry"). Both walk the message table
-- by msg_id, which sorts by acceptance time (MessageIdGenerator), so neither needs an index of its own.

-- Where a background walk over the message table got to, so a restart neither walks it again from the start nor
-- skips anything. name: 'no_report' (the no-report expiry). position: the last msg_id the walk has dealt with.
CREATE TABLE history_cursor (
    name     VARCHAR(32) NOT NULL,
    position BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Messages the no-report walk passed while they could not expire yet: still queued (pending_message) or submitted
-- less than expiry.noReport ago. Small: a row leaves when its message is final or expires.
CREATE TABLE report_watch (
    msg_id BIGINT NOT NULL,
    PRIMARY KEY (msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
