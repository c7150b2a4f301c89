-- The carrier that holds the order's label (its key in hub.carriers, empty when the order has none): what the
-- tracking poll of a carrier that does not push looks for among SHIPPED orders (routes/carrier-tracking.yaml).
ALTER TABLE orders ADD COLUMN label_carrier VARCHAR(32);
CREATE INDEX ix_orders_label_carrier ON orders (label_carrier, status, updated_at);
