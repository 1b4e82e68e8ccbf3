-- Email templates per app (docs/api.md "Email templates"): a subject and a text and/or HTML body with {{name}}
-- variables, filled in by POST /v1/emails with temp_id and temp_para. Auto-approved: no review status.
CREATE TABLE email_template (
    temp_id    BIGINT        NOT NULL AUTO_INCREMENT,
    app_key    VARCHAR(64)   NOT NULL,
    subject    VARCHAR(998)  NOT NULL,
    body_text  MEDIUMTEXT    NULL,
    body_html  MEDIUMTEXT    NULL,
    created_at BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (temp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
