-- Webhook deliveries already taken, by the channel's own delivery id (Shopify X-Shopify-Webhook-Id, WooCommerce
-- X-WC-Webhook-Delivery-ID), kept for hub.webhooks.replay-window: a signed delivery sent again is not taken twice.
CREATE TABLE webhook_deliveries (
    channel      VARCHAR(32)              NOT NULL,
    delivery_id  VARCHAR(128)             NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, delivery_id)
);
CREATE INDEX ix_webhook_deliveries_received ON webhook_deliveries (received_at);
