-- Personal data is kept only as long as hub.retention.* allows (io.orderhub.privacy.CustomerData).
ALTER TABLE orders ADD COLUMN anonymised_at TIMESTAMP WITH TIME ZONE;
-- an erasure asked for while the order was open: done as soon as the order is final
ALTER TABLE orders ADD COLUMN erase_requested_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_orders_raw ON orders (raw_hash);
CREATE INDEX ix_raw_received ON raw_payloads (channel, received_at);
CREATE INDEX ix_errors_received ON error_store (received_at);
CREATE INDEX ix_edi_created ON edi_documents (created_at);
CREATE INDEX ix_edi_outbound_created ON edi_outbound (created_at);
