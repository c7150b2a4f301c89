-- Available-to-promise is computed per master SKU (io.orderhub.inventory.Inventory): its stock in every warehouse
-- and its listings on every channel. Both tables are keyed by warehouse or channel first, so without these a
-- publisher's round read every row of both once for each SKU it told (StockSyncBenchmark).
CREATE INDEX ix_stock_sku ON stock (sku);
CREATE INDEX ix_listings_master_sku ON listings (master_sku);
