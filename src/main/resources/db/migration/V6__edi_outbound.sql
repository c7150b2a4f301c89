-- The EDI documents of one delivery, fixed the first time they are made: a retry of the delivery (a failed upload,
-- a crash after it) sends the same bytes under the same control numbers and file name, never a second ASN or
-- invoice under new ones.
CREATE TABLE edi_outbound (
    delivery_key   VARCHAR(200)  NOT NULL,
    document_type  VARCHAR(16)   NOT NULL,
    partner        VARCHAR(64)   NOT NULL,
    order_id       VARCHAR(64),
    file_name      VARCHAR(255)  NOT NULL,
    interchange_no VARCHAR(16)   NOT NULL,
    group_no       VARCHAR(16)   NOT NULL,
    transaction_no VARCHAR(16)   NOT NULL,
    body           TEXT          NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (delivery_key, document_type)
);
