package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's ERP: it consumes the sales-order queue as an ERP's integration layer would, keeps the messages it
 * booked (the newest 10,000) and drops a message whose IdempotencyKey it has booked already.
 */
public class ErpSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ErpSimulator.class);
    private static final int KEEP = 10_000;

    private final ObjectMapper json;
    private final DefaultMessageListenerContainer listener = new DefaultMessageListenerContainer();
    private final Map<String, JsonNode> booked = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > KEEP;
        }
    };
    private int duplicates;

    public ErpSimulator(ConnectionFactory connections, String queue, ObjectMapper json) {
        this.json = json;
        listener.setConnectionFactory(connections);
        listener.setDestinationName(queue);
        listener.setSessionTransacted(true);
        listener.setMessageListener((jakarta.jms.MessageListener) message -> {
            try {
                book(message.getStringProperty("IdempotencyKey"), ((TextMessage) message).getText());
            } catch (JMSException | java.io.IOException e) {
                throw new IllegalStateException("ERP simulator could not read a sales order", e);
            }
        });
        listener.afterPropertiesSet();
        listener.start();
    }

    private synchronized void book(String key, String body) throws java.io.IOException {
        if (booked.containsKey(key)) {
            duplicates++;
            return;
        }
        JsonNode order = json.readTree(body);
        booked.put(key, order);
        LOG.debug("ERP simulator booked {} {} for {}", order.path("event").asText(), key, order.path("orderId").asText());
    }

    /** The sales-order messages booked for this order, oldest first. */
    public synchronized List<JsonNode> messagesFor(String orderId) {
        List<JsonNode> out = new ArrayList<>();
        booked.values().forEach(m -> {
            if (orderId.equals(m.path("orderId").asText())) {
                out.add(m);
            }
        });
        return out;
    }

    public synchronized int duplicatesDropped() {
        return duplicates;
    }

    @Override
    public void close() {
        listener.shutdown();
    }
}
