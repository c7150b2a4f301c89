package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The stores' point-of-sale systems: each new order is a pos.order.created event published to the POS topic with
 * the posOrderId as key, as the hub's POS contract says.
 */
public class PosSimulator extends ChannelSimulator implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public PosSimulator(ObjectMapper json, Clock clock, String bootstrapServers, String topic) {
        super(json, clock, new ChannelFaults(0), "sandbox/pos/order-event.json", "sandbox/pos/order-event-multiline.json");
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @Override
    protected void stamp(ObjectNode event, long n, Instant now, String[] buyer) {
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", now.atOffset(ZoneOffset.ofHours(3)).toString());
        ObjectNode order = (ObjectNode) event.get("order");
        String receipt = String.format("%06d", 5000 + n);
        order.put("posOrderId", "IST01-R2-" + receipt);
        order.put("receiptNumber", receipt);
        ((ObjectNode) order.get("customer")).put("name", buyer[0] + " " + buyer[1]);
        JsonNode shipTo = order.path("fulfillment").path("shipTo");
        if (shipTo.isObject()) {
            ((ObjectNode) shipTo).put("name", buyer[0] + " " + buyer[1]);
        }
    }

    /** Places the order and publishes its event, keyed by posOrderId. */
    @Override
    public ObjectNode placeOrder(Consumer<ObjectNode> adjust) {
        ObjectNode event = super.placeOrder(adjust);
        publish(event);
        return event;
    }

    /** Publishes an event as a store would (a void or a return of an earlier sale). */
    public void publish(ObjectNode event) {
        String key = event.path("order").path("posOrderId").asText();
        producer.send(new ProducerRecord<>(topic, key, event.toString()));
        producer.flush();
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        SimulatorServer.respond(exchange, 404, "{\"message\":\"POS events go over Kafka\"}");
    }

    @Override
    public void close() {
        producer.close();
    }
}
