package io.orderhub.pipeline;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka clients for a consumer endpoint with several consumers and static membership. Camel gives each of an
 * endpoint's consumers the same properties, so all would join as the one group.instance.id and the broker would
 * fence all but one. Here the n-th consumer joins as "{id}-{n}", n below the endpoint's consumer count: the same ids
 * after a restart (a restarted hub takes its partitions back at once), and the same id again when a consumer
 * reconnects (Camel hands the factory that consumer's own properties object again). With one consumer the id is
 * left as configured.
 */
public class StaticMembers extends DefaultKafkaClientFactory {

    private final int consumers;
    private final Map<Properties, String> memberIds = new IdentityHashMap<>();
    private int joined;

    public StaticMembers(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        this.consumers = consumers;
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        String instance = kafkaProps.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instance == null || consumers == 1) {
            return super.getConsumer(kafkaProps);
        }
        Properties own = new Properties();
        own.putAll(kafkaProps);
        own.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId(kafkaProps, instance));
        return super.getConsumer(own);
    }

    private synchronized String memberId(Properties consumer, String instance) {
        return memberIds.computeIfAbsent(consumer, c -> instance + "-" + (joined++ % consumers));
    }
}
