-- What the hub told each channel listing (io.orderhub.inventory.StockPublisher): every push, and the level the
-- channel last confirmed. A publisher's cursor is the last stock mark (V12) whose pushes are done.
CREATE TABLE stock_publish_cursors (
    channel    VARCHAR(32)  NOT NULL,
    account    VARCHAR(128) NOT NULL,
    seq        BIGINT       NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, account)
);

CREATE TABLE stock_pushes (
    push_id     VARCHAR(40)  NOT NULL PRIMARY KEY,
    batch_id    VARCHAR(40)  NOT NULL,
    channel     VARCHAR(32)  NOT NULL,
    account     VARCHAR(128) NOT NULL,
    listing_id  VARCHAR(128) NOT NULL,
    quantity    INTEGER      NOT NULL,
    change_from INTEGER,
    state       VARCHAR(16)  NOT NULL,
    -- the channel's id of an asynchronous batch (Trendyol's batchRequestId), whose results come later
    remote_id   VARCHAR(64),
    detail      VARCHAR(2000),
    marked_at   TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_stock_pushes_listing ON stock_pushes (channel, account, listing_id, created_at);
CREATE INDEX ix_stock_pushes_batch ON stock_pushes (batch_id);
CREATE INDEX ix_stock_pushes_awaiting ON stock_pushes (channel, account, state, remote_id);

-- The quantity the channel holds for the listing, as the hub last knew it: confirmed by a push, or read back.
CREATE TABLE listing_levels (
    channel      VARCHAR(32)  NOT NULL,
    account      VARCHAR(128) NOT NULL,
    listing_id   VARCHAR(128) NOT NULL,
    quantity     INTEGER      NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, account, listing_id)
);
