-- What inventory sync is judged by (io.orderhub.inventory): the orders a channel sold that the stock pool did not
-- have, and the listings whose quantity at the channel stayed other than the hub told it.
CREATE TABLE oversells (
    order_id         VARCHAR(64)  NOT NULL,
    sku              VARCHAR(128) NOT NULL,
    channel          VARCHAR(32)  NOT NULL,
    account          VARCHAR(128),
    quantity         INTEGER      NOT NULL,
    -- what the channel had last confirmed for the SKU's listing when the order came in, and when (null: never told)
    channel_quantity INTEGER,
    confirmed_at     TIMESTAMP WITH TIME ZONE,
    placed_at        TIMESTAMP WITH TIME ZONE,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX ix_oversells_recorded ON oversells (recorded_at);

-- A listing whose read-back differed from what the hub last knew: since when, what was read; drift once it
-- persisted past the grace period (then counted and told again).
CREATE TABLE listing_checks (
    channel       VARCHAR(32)  NOT NULL,
    account       VARCHAR(128) NOT NULL,
    listing_id    VARCHAR(128) NOT NULL,
    checked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expected      INTEGER,
    actual        INTEGER,
    differs_since TIMESTAMP WITH TIME ZONE,
    drift_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (channel, account, listing_id)
);
