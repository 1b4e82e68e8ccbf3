-- Templates and signatures per app, reviewed by an operator (docs/api.md "Templates", "Signatures", "Operator API").
-- app_key NULL marks a row seeded from gateway.yaml: it belongs to every app and is changed only in the file.
-- status: 0 pending review, 1 approved, 2 rejected (JSMS's values, as GET /v1/templates/{temp_id} answers them).
-- Rows are few and read whole into the in-memory catalog, so there is no index beyond the keys.
CREATE TABLE sms_template (
    temp_id    BIGINT        NOT NULL AUTO_INCREMENT,
    app_key    VARCHAR(64)   NULL,
    content    VARCHAR(1000) NOT NULL,
    type       TINYINT       NOT NULL,
    ttl        INT           NOT NULL,
    remark     VARCHAR(1000) NOT NULL,
    status     TINYINT       NOT NULL,
    reason     VARCHAR(1000) NULL,
    created_at BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (temp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE sms_signature (
    sign_id    BIGINT        NOT NULL AUTO_INCREMENT,
    app_key    VARCHAR(64)   NULL,
    sign       VARCHAR(64)   NOT NULL,
    type       TINYINT       NOT NULL,
    remark     VARCHAR(1000) NOT NULL,
    status     TINYINT       NOT NULL,
    reason     VARCHAR(1000) NULL,
    created_at BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (sign_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The supporting images of a signature, stored as bytes (a few, each at most 2 MiB): the database is the one store
-- every node shares, and the operator reviews them from there. Replaced whole when a rejected signature is modified.
CREATE TABLE sms_signature_image (
    sign_id    BIGINT      NOT NULL,
    image_no   SMALLINT    NOT NULL,
    media_type VARCHAR(32) NOT NULL,
    bytes      MEDIUMBLOB  NOT NULL,
    PRIMARY KEY (sign_id, image_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Each review decision, written with its SMS_TEMPLATE / SMS_SIGN callback_outbox row (ref_id = id), so the callback
-- carries the decision as it was made even if the template changes afterwards.
-- kind: 4 template, 5 signature (the CallbackType codes).
CREATE TABLE review_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    kind        TINYINT       NOT NULL,
    subject_id  BIGINT        NOT NULL,
    app_key     VARCHAR(64)   NOT NULL,
    status      TINYINT       NOT NULL,
    reason      VARCHAR(1000) NULL,
    reviewed_at BIGINT        NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
