-- Status reports whose Msg_Id matched a recorded submit but whose Dest_terminal_Id is not that message's mobile
-- (docs/cmpp-protocol.md §10.2): kept here for the operator, never applied to the message.
CREATE TABLE mismatched_report (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    provider       VARCHAR(64) NOT NULL,
    carrier_msg_id BIGINT      NOT NULL,
    stat           VARCHAR(16) NOT NULL,
    mobile         VARCHAR(32) NOT NULL,
    msg_id         BIGINT      NOT NULL,
    part_no        SMALLINT    NOT NULL,
    received_at    BIGINT      NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX mismatched_report_msg ON mismatched_report (msg_id);
