-- Inventory sync to the channels (io.orderhub.inventory): what each channel lists, and the stock policies.
-- A channel's listing of a master SKU: its own ids, and whether the channel's own warehouse fulfils it (Amazon FBA,
-- Hepsiburada's or Trendyol's fulfilment), in which case the hub never publishes a quantity to it.
CREATE TABLE listings (
    channel              VARCHAR(32)  NOT NULL,
    account              VARCHAR(128) NOT NULL,
    listing_id           VARCHAR(128) NOT NULL,
    master_sku           VARCHAR(128) NOT NULL,
    inventory_item_id    VARCHAR(128),
    location_id          VARCHAR(128),
    fulfilled_by_channel BOOLEAN      NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, account, listing_id)
);
CREATE INDEX ix_listings_sku ON listings (master_sku);

-- How much of the pool a channel is offered, per channel ('*': any) and SKU or SKU pattern ('*' wildcards).
CREATE TABLE stock_policies (
    channel          VARCHAR(32)  NOT NULL,
    sku_pattern      VARCHAR(128) NOT NULL,
    warehouses       VARCHAR(512) NOT NULL,
    safety_stock     INTEGER      NOT NULL,
    end_when         INTEGER      NOT NULL,
    percent          INTEGER      NOT NULL,
    cap              INTEGER,
    allocation       INTEGER,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, sku_pattern)
);
