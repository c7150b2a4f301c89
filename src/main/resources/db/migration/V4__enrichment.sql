-- Enrichment data a team maintains (mappings/catalog/*.csv at start and reload, or the /api/catalog API) and the
-- stock the warehouses report, with what the hub has reserved of it.

-- Master catalog: the SKUs the warehouses know, with the weight the carrier rules use.
CREATE TABLE products (
    sku          VARCHAR(128) NOT NULL PRIMARY KEY,
    title        VARCHAR(512),
    weight_grams INTEGER      NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A channel's SKU for a master SKU, per channel and account ('*': every account of the channel).
CREATE TABLE sku_xref (
    channel     VARCHAR(32)  NOT NULL,
    account     VARCHAR(128) NOT NULL,
    channel_sku VARCHAR(128) NOT NULL,
    master_sku  VARCHAR(128) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, account, channel_sku)
);

-- Stock per warehouse as its WMS last reported it; reserved is what the hub allocated to orders not yet shipped.
CREATE TABLE stock (
    warehouse   VARCHAR(64)  NOT NULL,
    sku         VARCHAR(128) NOT NULL,
    on_hand     INTEGER      NOT NULL,
    reserved    INTEGER      NOT NULL,
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (warehouse, sku)
);

-- Which warehouse serves each line of an order: RESERVED until that warehouse ships (SHIPPED) or the order is
-- canceled or allocated again (RELEASED).
CREATE TABLE allocations (
    order_id   VARCHAR(64)  NOT NULL,
    line_id    VARCHAR(64)  NOT NULL,
    warehouse  VARCHAR(64)  NOT NULL,
    sku        VARCHAR(128) NOT NULL,
    quantity   INTEGER      NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, line_id)
);
CREATE INDEX ix_allocations_stock ON allocations (warehouse, sku, state);

-- The velocity hold counts a customer's recent orders.
ALTER TABLE orders ADD COLUMN customer_email VARCHAR(320);
CREATE INDEX ix_orders_customer ON orders (customer_email, created_at);
