-- Users an app keeps for sends by user id (docs/api.md "Users"): the id is the business's own, unique per app.
--   mobile: the 11-digit or 00-prefixed number the SMS channel sends to, empty when the user has none
--   email: the address the email channel sends to, empty when the user has none
--   tags: comma-separated, each 1..32 characters without a comma
CREATE TABLE ums_user (
    app_key    VARCHAR(64)   NOT NULL,
    user_id    VARCHAR(64)   NOT NULL,
    mobile     VARCHAR(20)   NOT NULL,
    email      VARCHAR(320)  NOT NULL,
    tags       VARCHAR(1000) NOT NULL,
    created_at BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (app_key, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Send policies (docs/api.md "Send policies"): an app's steps and conditions, as the JSON of the API's form
-- (checked before it is written). policy_id comes from the gateway's id generator.
CREATE TABLE send_policy (
    policy_id  BIGINT        NOT NULL,
    app_key    VARCHAR(64)   NOT NULL,
    name       VARCHAR(64)   NOT NULL,
    steps      VARCHAR(8000) NOT NULL,
    created_at BIGINT        NOT NULL,
    PRIMARY KEY (policy_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX send_policy_app ON send_policy (app_key, policy_id);
