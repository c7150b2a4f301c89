-- Delivery keys end in a random part ({orderId}:{destination}:{revision}:{nonce}): after a database restore the
-- same revision numbers come back for new content, while the broker's duplicate-id cache and the receivers still
-- remember the old keys. One delivery per order, destination and revision stays the rule, here.
CREATE UNIQUE INDEX ux_deliveries_revision ON deliveries (order_id, destination, revision);

-- Attempts begun (the ledger's attempts counts attempts finished): a carrier delivery begun before but never
-- finished may have bought a label that was not recorded, so it looks the shipment up before creating another.
ALTER TABLE deliveries ADD COLUMN started INTEGER DEFAULT 0 NOT NULL;
