-- EDI: every document received or sent, kept for audit and linked to its order; and the control numbers the hub
-- issues per partner, persisted so they are never reused, also after a restart.
CREATE TABLE edi_documents (
    document_id      VARCHAR(40)   NOT NULL PRIMARY KEY,
    partner          VARCHAR(64)   NOT NULL,
    direction        VARCHAR(8)    NOT NULL,
    standard         VARCHAR(8)    NOT NULL,
    document_type    VARCHAR(16)   NOT NULL,
    interchange_no   VARCHAR(16)   NOT NULL,
    group_no         VARCHAR(16)   NOT NULL,
    transaction_no   VARCHAR(16)   NOT NULL,
    order_id         VARCHAR(64),
    file_name        VARCHAR(255),
    content_hash     VARCHAR(64)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    detail           VARCHAR(4000),
    body             TEXT          NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
-- one row per transaction set (a broken envelope: one row with empty group and transaction numbers); the same
-- interchange received twice is refused here, so the second one changes nothing
CREATE UNIQUE INDEX ux_edi_controls ON edi_documents (partner, direction, interchange_no, group_no, transaction_no);
CREATE INDEX ix_edi_order ON edi_documents (order_id);
CREATE INDEX ix_edi_hash ON edi_documents (partner, direction, content_hash);

CREATE TABLE edi_control_numbers (
    partner     VARCHAR(64) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    last_value  BIGINT      NOT NULL,
    PRIMARY KEY (partner, kind)
);
