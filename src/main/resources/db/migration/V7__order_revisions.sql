-- The order as it was at each revision that scheduled deliveries: what every attempt of a delivery sends, so a
-- retry after the order moved on sends the same bytes under the same Idempotency-Key.
CREATE TABLE order_revisions (
    order_id       VARCHAR(64) NOT NULL,
    revision       INTEGER     NOT NULL,
    canonical_json TEXT        NOT NULL,
    PRIMARY KEY (order_id, revision)
);
